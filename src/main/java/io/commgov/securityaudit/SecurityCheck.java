package io.commgov.securityaudit;

import java.util.List;

/**
 * One check of the quarterly security audit (R-AUD). Capabilities add their own as beans, for example accounts past
 * their end date that are still active, or permission sets beyond their account type's template.
 */
public interface SecurityCheck {

    /** A short stable name, shown with each finding (for example {@code audit-trail-integrity}). */
    String name();

    List<Finding> run(AuditPeriod period);
}
