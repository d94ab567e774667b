package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_NotifyDepartmentHeads}: the emergency plan starts once per fault, and every department head hears of it at once. */
@Component
class NotifyDepartmentHeadsDelegate implements JavaDelegate {

    private final FaultNotices notices;

    NotifyDepartmentHeadsDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("emergencyStarted", true);
        execution.setVariable("notifiedDepartmentHeads", notices.announceMajorFault(execution));
    }
}
