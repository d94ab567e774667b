package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordScreenRejection: a hard hit rejects at once, recorded with the reasons and positions; the author is told. */
@Component
class RecordScreenRejectionDelegate implements JavaDelegate {

    private final Announcements announcements;
    private final AnnouncementNotices notices;

    RecordScreenRejectionDelegate(Announcements announcements, AnnouncementNotices notices) {
        this.announcements = announcements;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var submission = Submission.of(execution.getProcessInstanceId(), execution);
        String reasons = (String) execution.getVariable("screenReport");
        announcements.recordRejected(submission, Announcements.Status.REJECTED_BY_SCREEN, "HARD", reasons, null);
        notices.tellAuthor(submission, "公告未通过内容审查", "您的公告因以下原因被自动驳回：\n" + reasons);
    }
}
