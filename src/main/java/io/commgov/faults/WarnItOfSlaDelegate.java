package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_WarnItOfResponseSla}, {@code Task_WarnItOfDiagnosisSla}: 80 % of an SLA's time has passed. */
@Component
class WarnItOfSlaDelegate implements JavaDelegate {

    private final FaultNotices notices;

    WarnItOfSlaDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.warnIt(execution, FaultNotices.slaOf(execution.getCurrentActivityId()));
    }
}
