package io.commgov.accounts;

import java.util.List;

import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.springframework.stereotype.Component;

/** Tells people what happened to a request by e-mail; every notice is also kept with the account's events. */
@Component
class Notices {

    static final String ACTION = Accounts.NOTICE;

    private final Accounts accounts;
    private final Notifier notifier;
    private final People people;

    Notices(Accounts accounts, Notifier notifier, People people) {
        this.accounts = accounts;
        this.notifier = notifier;
        this.people = people;
    }

    void tell(List<String> recipients, String accountId, String subject, String text, String processInstanceId) {
        var account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        for (String recipient : recipients) {
            accounts.log(account, ACTION, recipient, subject + ": " + text, processInstanceId);
            people.emailOf(recipient).ifPresent(address -> notifier.email(address, "[CommGov] " + subject, text));
        }
    }

    void tell(String recipient, String accountId, String subject, String text, String processInstanceId) {
        tell(List.of(recipient), accountId, subject, text, processInstanceId);
    }
}
