package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_WarnItOfDiagnosisSla}: 80 % of the 2-hour diagnosis time has passed. */
@Component
class WarnItOfDiagnosisSlaDelegate implements JavaDelegate {

    private final FaultNotices notices;

    WarnItOfDiagnosisSlaDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.warnIt(execution, "原因说明（2 小时）");
    }
}
