package io.commgov.accounts;

import io.commgov.validation.ProtectedVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordChangeRequest}: the change request is logged on the account and shown to IT with its current state. */
@Component
class RecordChangeRequestDelegate implements JavaDelegate {

    private final Accounts accounts;

    RecordChangeRequestDelegate(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String employeeId = (String) execution.getVariable("employeeId");
        var account = accounts.activeAccountOf(employeeId).orElseThrow(() -> Accounts.noActiveAccount(employeeId));
        execution.setVariable("accountId", account.getId());
        execution.setVariable("fullName", account.getFullName());
        ProtectedVariables.writtenByCommGov(() -> execution.setVariable("department", account.getDepartment()));
        accounts.log(account, "CHANGE_REQUESTED", (String) execution.getVariable("initiator"),
                execution.getVariable("changeType") + " effective " + execution.getVariable("effectiveDate"),
                execution.getProcessInstanceId());
    }
}
