package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CreateAccount}: IT's approval creates the account; refused (400, nothing completed) if the employee id is taken. */
@Component
class CreateAccountDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final Notices notices;

    CreateAccountDelegate(Accounts accounts, Notices notices) {
        this.accounts = accounts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = (String) execution.getVariable("accountId");
        boolean extrasApproved = Boolean.TRUE.equals(execution.getVariable("extraPermissionsApproved"));
        var account = accounts.activate(accountId, extrasApproved, (String) execution.getVariable(RecordApproverTaskListener.APPROVERS),
                EngineContext.actor(), execution.getProcessInstanceId());
        execution.setVariable("grantedPermissions", String.join(", ", account.getPermissions()));
        notices.tell((String) execution.getVariable("initiator"), accountId, "账号已开通 Account opened",
                account.getEmployeeId() + " " + account.getFullName() + ": " + account.getPermissions()
                        + (account.getValidUntil() == null ? "" : ", valid until " + account.getValidUntil()),
                execution.getProcessInstanceId());
    }
}
