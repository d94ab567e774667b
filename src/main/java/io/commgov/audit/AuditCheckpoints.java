package io.commgov.audit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Signs the end of the chain at least every checkpoint interval (hourly), even when few entries were added. */
@Component
class AuditCheckpoints {

    private final AuditLedger ledger;
    private final TransactionTemplate transactions;

    AuditCheckpoints(AuditLedger ledger, PlatformTransactionManager transactionManager) {
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(initialDelayString = "${commgov.audit.checkpoint-interval:PT1H}", fixedDelayString = "${commgov.audit.checkpoint-interval:PT1H}")
    void signTail() {
        transactions.execute(status -> ledger.checkpointTail());
    }
}
