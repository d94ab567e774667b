package io.commgov.accounts;

import io.commgov.approvals.RequestWithdrawn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A withdrawn account request leaves no account REQUESTED for ever: it is disabled as WITHDRAWN, in the same transaction. */
@Component
class AccountRequestWithdrawn {

    private final Accounts accounts;

    AccountRequestWithdrawn(Accounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void on(RequestWithdrawn withdrawn) {
        accounts.withdraw(withdrawn.processInstanceId(), withdrawn.withdrawnBy());
    }
}
