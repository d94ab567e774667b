package io.commgov.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code commgov.audit.*}: how often the chain is signed, and how long entries stay before they may be archived. */
@ConfigurationProperties("commgov.audit")
record AuditProperties(Integer checkpointEvery, Duration checkpointInterval, Integer retentionMinimumDays) {

    AuditProperties {
        checkpointEvery = checkpointEvery == null ? 100 : checkpointEvery;
        checkpointInterval = checkpointInterval == null ? Duration.ofHours(1) : checkpointInterval;
        // R-LOG: at least 6 months
        retentionMinimumDays = retentionMinimumDays == null ? 183 : Math.max(183, retentionMinimumDays);
    }
}
