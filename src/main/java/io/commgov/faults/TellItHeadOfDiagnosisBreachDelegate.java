package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_TellItHeadOfDiagnosisBreach}: the 2-hour diagnosis SLA was breached. */
@Component
class TellItHeadOfDiagnosisBreachDelegate implements JavaDelegate {

    private final FaultNotices notices;

    TellItHeadOfDiagnosisBreachDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.tellItHeadOfBreach(execution, "原因说明（2 小时）");
    }
}
