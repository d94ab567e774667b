package io.commgov.accounts;

import io.commgov.identity.Role;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Notices of the change process: refusal to the requester, SLA warning to IT, SLA breach to the IT head (R-CHG-1). */
final class ChangeNoticeDelegates {

    private ChangeNoticeDelegates() {
    }

    private static String summary(DelegateExecution execution) {
        return execution.getVariable("changeType") + " of " + execution.getVariable("employeeId") + " "
                + execution.getVariable("fullName") + " (requested by " + execution.getVariable("initiator") + ")";
    }

    /** {@code Task_NotifyChangeRefused}. */
    @Component("notifyChangeRefusedDelegate")
    static class ChangeRefused implements JavaDelegate {

        private final Notices notices;

        ChangeRefused(Notices notices) {
            this.notices = notices;
        }

        @Override
        public void execute(DelegateExecution execution) {
            notices.tell((String) execution.getVariable("initiator"), (String) execution.getVariable("accountId"),
                    "账号变更被拒绝 Change refused", summary(execution) + ": " + execution.getVariable("comment"),
                    execution.getProcessInstanceId());
        }
    }

    /** {@code Task_NotifyChangeSlaWarning}. */
    @Component("notifyChangeSlaWarningDelegate")
    static class SlaWarning implements JavaDelegate {

        private final Notices notices;
        private final Organisation organisation;

        SlaWarning(Notices notices, Organisation organisation) {
            this.notices = notices;
            this.organisation = organisation;
        }

        @Override
        public void execute(DelegateExecution execution) {
            notices.tell(organisation.membersOf(Role.IT), (String) execution.getVariable("accountId"),
                    "账号变更即将超时 Change due soon", summary(execution) + " must be done within 1 working day",
                    execution.getProcessInstanceId());
        }
    }

    /** {@code Task_NotifyChangeSlaBreach}. */
    @Component("notifyChangeSlaBreachDelegate")
    static class SlaBreach implements JavaDelegate {

        private final Notices notices;
        private final Organisation organisation;

        SlaBreach(Notices notices, Organisation organisation) {
            this.notices = notices;
            this.organisation = organisation;
        }

        @Override
        public void execute(DelegateExecution execution) {
            notices.tell(organisation.membersOf(Role.IT_HEAD), (String) execution.getVariable("accountId"),
                    "账号变更已超时 Change overdue", summary(execution) + " was not done within 1 working day",
                    execution.getProcessInstanceId());
        }
    }
}
