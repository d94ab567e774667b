package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ScreenContent: runs the content screen over title and body; the verdict routes the process (R-ANN-1). */
@Component
class ScreenContentDelegate implements JavaDelegate {

    private final ContentScreen screen;

    ScreenContentDelegate(ContentScreen screen) {
        this.screen = screen;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var result = screen.screen((String) execution.getVariable("title"), (String) execution.getVariable("body"));
        execution.setVariable("screenVerdict", result.verdict().name());
        execution.setVariable("screenReport", result.report());
        execution.setVariable("screenHitCount", result.findings().size());
        // read by the review-route decision: no model declaration, no publication without a reviewer
        execution.setVariable(AutoPublication.VARIABLE, AutoPublication.allowedBy(execution));
    }
}
