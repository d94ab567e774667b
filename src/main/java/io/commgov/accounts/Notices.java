package io.commgov.accounts;

import java.util.List;

import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Tells people what happened to a request by e-mail; every notice is also kept with the account's events. */
@Component
class Notices {

    static final String ACTION = Accounts.NOTICE;

    private final Accounts accounts;
    private final Notifier notifier;
    private final IdentityService identityService;

    Notices(Accounts accounts, Notifier notifier, IdentityService identityService) {
        this.accounts = accounts;
        this.notifier = notifier;
        this.identityService = identityService;
    }

    void tell(List<String> recipients, String accountId, String subject, String text, String processInstanceId) {
        var account = accounts.find(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        for (String recipient : recipients) {
            accounts.log(account, ACTION, recipient, subject + ": " + text, processInstanceId);
            String address = emailOf(recipient);
            if (address != null) {
                notifier.email(address, "[CommGov] " + subject, text);
            }
        }
    }

    void tell(String recipient, String accountId, String subject, String text, String processInstanceId) {
        tell(List.of(recipient), accountId, subject, text, processInstanceId);
    }

    private String emailOf(String userId) {
        User user = EngineContext.withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
        return user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
    }
}
