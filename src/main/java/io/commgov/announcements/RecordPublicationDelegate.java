package io.commgov.announcements;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordPublication: records who approved, when, and the content's SM3 digest (R-ANN-2), on the audit trail too.
 * A clean DAILY item has no human reviewer only where the model declares {@code announcements.auto-publish=clean-daily};
 * that is checked again here with a fresh screen, and the audit entry says so: the screen is recorded as the decider.
 */
@Component
class RecordPublicationDelegate implements JavaDelegate {

    static final String SCREEN_AS_DECIDER = "content-screen";

    private final Announcements announcements;
    private final ContentScreen screen;
    private final AuditTrail audit;

    RecordPublicationDelegate(Announcements announcements, ContentScreen screen, AuditTrail audit) {
        this.announcements = announcements;
        this.screen = screen;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var submission = Submission.of(execution.getProcessInstanceId(), execution);
        boolean withoutReviewer = "NONE".equals(execution.getVariable("reviewRoute"));
        String details;
        String decidedBy;
        if (withoutReviewer) {
            var verdict = screen.screen(submission.title(), submission.body()).verdict();
            String declared = AutoPublication.declaredBy(execution);
            if (!"DAILY".equals(submission.contentClass()) || verdict != ScreenResult.Verdict.CLEAN || !AutoPublication.CLEAN_DAILY.equals(declared)) {
                throw new IllegalStateException("announcement " + execution.getProcessInstanceId() + " reached publication without a reviewer, but it is "
                        + submission.contentClass() + ", the screen says " + verdict + " and the model declares " + AutoPublication.PROPERTY + "=" + declared);
            }
            decidedBy = SCREEN_AS_DECIDER;
            details = "auto-published without a human reviewer: model " + execution.getProcessDefinitionId() + " declares "
                    + AutoPublication.PROPERTY + "=" + declared + "; DAILY; screen CLEAN (checked again at publication)";
        } else {
            decidedBy = (String) execution.getVariable("decidedBy");
            details = "approved by " + decidedBy + "; screen " + execution.getVariable("screenVerdict");
        }
        announcements.record(submission, Announcements.Status.PUBLISHED, (String) execution.getVariable("screenVerdict"), null, decidedBy);
        String sm3 = ContentDigest.sm3(submission.title(), submission.body());
        audit.record(new AuditEvent(decidedBy, "announcement.published", "announcement", execution.getProcessInstanceId(), Outcome.SUCCESS,
                details + "; author " + submission.author() + "; content SM3 " + sm3));
        execution.setVariable("contentSm3", sm3);
        execution.setVariable("deliveryRounds", 0);
    }
}
