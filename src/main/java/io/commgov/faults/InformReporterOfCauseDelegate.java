package io.commgov.faults;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_InformReporterOfCause}: the reporter is told the cause and the expected fix time (R-FLT-2). */
@Component
class InformReporterOfCauseDelegate implements JavaDelegate {

    private final FaultNotices notices;

    InformReporterOfCauseDelegate(FaultNotices notices) {
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notices.tellReporterTheCause(execution);
    }
}
