package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RemindApplicant}: the applicant hears a few working days ahead that the account will end (R-ACC-3). */
@Component
class RemindApplicantDelegate implements JavaDelegate {

    private final Notices notices;

    RemindApplicantDelegate(Notices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.tell((String) execution.getVariable("initiator"), (String) execution.getVariable("accountId"),
                "账号即将到期 Account expires soon", execution.getVariable("employeeId") + " "
                        + execution.getVariable("fullName") + " is disabled after " + execution.getVariable("endDate"),
                execution.getProcessInstanceId());
    }
}
