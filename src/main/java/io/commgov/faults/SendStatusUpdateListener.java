package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On each IT step of a major fault, the reporter and the department heads get a status update (R-FLT-3). */
@Component
class SendStatusUpdateListener implements TaskListener {

    private final FaultNotices notices;

    SendStatusUpdateListener(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void notify(DelegateTask task) {
        if (Boolean.TRUE.equals(task.getVariable("emergencyStarted")) || Boolean.TRUE.equals(task.getVariable("upgradeToMajor"))) {
            notices.sendStatusUpdate(task, task.getProcessInstanceId(), task.getName());
        }
    }
}
