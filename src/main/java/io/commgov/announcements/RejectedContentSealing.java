package io.commgov.announcements;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** At start, seals the content of announcements rejected before rejected content was sealed; one row per transaction. */
@Component
class RejectedContentSealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RejectedContentSealing.class);

    private final Announcements announcements;
    private final TransactionTemplate transactions;

    RejectedContentSealing(Announcements announcements, PlatformTransactionManager transactions) {
        this.announcements = announcements;
        this.transactions = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        int sealed = sealAll();
        if (sealed > 0) {
            log.info("Sealed the content of {} rejected announcements in the encrypted store", sealed);
        }
    }

    int sealAll() {
        int sealed = 0;
        for (String id : announcements.rejectedInClear()) {
            // another node sealing the same row finds it done
            if (Boolean.TRUE.equals(transactions.execute(status -> announcements.seal(id)))) {
                sealed++;
            }
        }
        return sealed;
    }
}
