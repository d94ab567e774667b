package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RemindApplicant}: the applicant hears a few working days ahead that the account will end (R-ACC-3). */
@Component
class RemindApplicantDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final Notices notices;

    RemindApplicantDelegate(Accounts accounts, Notices notices) {
        this.accounts = accounts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var account = accounts.find((String) execution.getVariable("accountId"));
        if (account.isEmpty() || account.get().getState() != AccountState.ACTIVE) {
            return; // disabled in the meantime (resignation): nothing to remind of
        }
        notices.tell((String) execution.getVariable("initiator"), (String) execution.getVariable("accountId"),
                "账号即将到期 Account expires soon", execution.getVariable("employeeId") + " "
                        + execution.getVariable("fullName") + " is disabled after " + execution.getVariable("endDate"),
                execution.getProcessInstanceId());
    }
}
