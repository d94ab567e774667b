package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPublication: records who approved, when, and the content's SM3 digest (R-ANN-2). A clean DAILY item has
 * no human reviewer; the screen is its check and is recorded as the decider.
 */
@Component
class RecordPublicationDelegate implements JavaDelegate {

    static final String SCREEN_AS_DECIDER = "content-screen";

    private final Announcements announcements;

    RecordPublicationDelegate(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var submission = Submission.of(execution.getProcessInstanceId(), execution);
        String decidedBy = "NONE".equals(execution.getVariable("reviewRoute")) ? SCREEN_AS_DECIDER : (String) execution.getVariable("decidedBy");
        announcements.record(submission, Announcements.Status.PUBLISHED, (String) execution.getVariable("screenVerdict"), null, decidedBy);
        execution.setVariable("contentSm3", ContentDigest.sm3(submission.title(), submission.body()));
        execution.setVariable("deliveryRounds", 0);
    }
}
