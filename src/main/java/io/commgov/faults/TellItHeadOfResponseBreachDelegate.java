package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_TellItHeadOfResponseBreach}: the 30-minute response SLA was breached. */
@Component
class TellItHeadOfResponseBreachDelegate implements JavaDelegate {

    private final FaultNotices notices;

    TellItHeadOfResponseBreachDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.tellItHeadOfBreach(execution, "IT 响应（30 分钟）");
    }
}
