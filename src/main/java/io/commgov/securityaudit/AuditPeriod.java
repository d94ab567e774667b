package io.commgov.securityaudit;

import java.time.Instant;

/** The time an audit looks back over: the three months before it runs. */
public record AuditPeriod(Instant from, Instant to) {
}
