package io.commgov.modelchanges;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** A deployer's try to hold or decide their own change: the attempt rolls back, its record stays (a transaction of its own). */
@Component
class Refusals {

    private final AuditTrail audit;
    private final TransactionTemplate separately;

    Refusals(AuditTrail audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(String actor, String attempt, String processInstanceId, String deploymentId) {
        separately.executeWithoutResult(status -> audit.record(new AuditEvent(actor, "model-change.four-eyes.refused", "deployment",
                deploymentId, Outcome.DENIED, "four-eyes: " + attempt + " of the approval of their own deployment; processInstanceId="
                + processInstanceId)));
    }
}
