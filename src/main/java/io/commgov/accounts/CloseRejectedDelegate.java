package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseRejected}: a rejected request ends, and the applicant is told why. */
@Component
class CloseRejectedDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final Notices notices;

    CloseRejectedDelegate(Accounts accounts, Notices notices) {
        this.accounts = accounts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = (String) execution.getVariable("accountId");
        String reason = (String) execution.getVariable("comment");
        accounts.reject(accountId, EngineContext.actor(), reason, execution.getProcessInstanceId());
        notices.tell((String) execution.getVariable("initiator"), accountId, "账号申请被驳回 Account request rejected",
                execution.getVariable("employeeId") + ": " + reason, execution.getProcessInstanceId());
    }
}
