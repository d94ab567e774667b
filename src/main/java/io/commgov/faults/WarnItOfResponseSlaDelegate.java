package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_WarnItOfResponseSla}: 80 % of the 30-minute response time has passed. */
@Component
class WarnItOfResponseSlaDelegate implements JavaDelegate {

    private final FaultNotices notices;

    WarnItOfResponseSlaDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.warnIt(execution, "IT 响应（30 分钟）");
    }
}
