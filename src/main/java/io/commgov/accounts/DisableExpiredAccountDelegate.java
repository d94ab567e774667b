package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DisableExpiredAccount}: the end date has passed, the account is disabled (R-ACC-3). */
@Component
class DisableExpiredAccountDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final Notices notices;

    DisableExpiredAccountDelegate(Accounts accounts, Notices notices) {
        this.accounts = accounts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = (String) execution.getVariable("accountId");
        if (accounts.expire(accountId, execution.getProcessInstanceId())) {
            notices.tell((String) execution.getVariable("initiator"), accountId, "账号已到期停用 Account disabled",
                    execution.getVariable("employeeId") + " reached its end date " + execution.getVariable("endDate"),
                    execution.getProcessInstanceId());
        }
    }
}
