package io.commgov.accounts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Tells people what happened to a request; every notice is kept with the account's events. */
@Component
class Notices {

    private static final Logger log = LoggerFactory.getLogger(Notices.class);
    static final String ACTION = "NOTICE";

    private final Accounts accounts;

    Notices(Accounts accounts) {
        this.accounts = accounts;
    }

    void tell(List<String> recipients, String accountId, String subject, String text, String processInstanceId) {
        var account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        for (String recipient : recipients) {
            log.info("Notice to {}: {} — {}", recipient, subject, text);
            accounts.log(account, ACTION, recipient, subject + ": " + text, processInstanceId);
        }
    }

    void tell(String recipient, String accountId, String subject, String text, String processInstanceId) {
        tell(List.of(recipient), accountId, subject, text, processInstanceId);
    }
}
