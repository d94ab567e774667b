package io.commgov.accounts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The three ways IT applies a change (R-CHG-2); each tells the requester it is done. */
final class ApplyChangeDelegates {

    private ApplyChangeDelegates() {
    }

    /** {@code Task_TransferAccount}: the old department's group goes, the new department's template applies. */
    @Component("transferAccountDelegate")
    static class TransferAccount implements JavaDelegate {

        private final Accounts accounts;
        private final Notices notices;

        TransferAccount(Accounts accounts, Notices notices) {
            this.accounts = accounts;
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            var account = accounts.transfer((String) execution.getVariable("employeeId"), (String) execution.getVariable("newDepartment"),
                    EngineContext.actor(), execution.getProcessInstanceId());
            notices.tell((String) execution.getVariable("initiator"), account.getId(), "转岗已完成 Transfer done",
                    account.getEmployeeId() + " now in " + account.getDepartment() + ": " + account.getPermissions(), execution.getProcessInstanceId());
        }
    }

    /** {@code Task_ChangeRole}: the new role is recorded on the account. */
    @Component("changeRoleDelegate")
    static class ChangeRole implements JavaDelegate {

        private final Accounts accounts;
        private final Notices notices;

        ChangeRole(Accounts accounts, Notices notices) {
            this.accounts = accounts;
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            var account = accounts.changeRole((String) execution.getVariable("employeeId"), (String) execution.getVariable("newRole"),
                    EngineContext.actor(), execution.getProcessInstanceId());
            notices.tell((String) execution.getVariable("initiator"), account.getId(), "岗位变更已完成 Role change done",
                    account.getEmployeeId() + " is now " + account.getJobRole(), execution.getProcessInstanceId());
        }
    }

    /** {@code Task_DisableResignedAccount}: the account is disabled and what the person owned goes to the requesting head. */
    @Component("disableResignedAccountDelegate")
    static class DisableResignedAccount implements JavaDelegate {

        private final Accounts accounts;
        private final Notices notices;

        DisableResignedAccount(Accounts accounts, Notices notices) {
            this.accounts = accounts;
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            String requester = (String) execution.getVariable("initiator");
            var account = accounts.resign((String) execution.getVariable("employeeId"),
                    AccountTimers.dateOf(execution.getVariable("effectiveDate")), requester, EngineContext.actor(),
                    execution.getProcessInstanceId());
            notices.tell(requester, account.getId(), "离职注销已完成 Account cancelled",
                    account.getEmployeeId() + " is disabled; anything the person owned is handed over to you", execution.getProcessInstanceId());
        }
    }
}
