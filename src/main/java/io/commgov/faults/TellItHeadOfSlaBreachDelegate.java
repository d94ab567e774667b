package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_TellItHeadOfResponseBreach}, {@code Task_TellItHeadOfDiagnosisBreach}: an SLA was breached. */
@Component
class TellItHeadOfSlaBreachDelegate implements JavaDelegate {

    private final FaultNotices notices;

    TellItHeadOfSlaBreachDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.tellItHeadOfBreach(execution, FaultNotices.slaOf(execution.getCurrentActivityId()));
    }
}
