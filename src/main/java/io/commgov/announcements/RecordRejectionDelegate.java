package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRejection: the reviewer's rejection and comment are recorded; the author is told. */
@Component
class RecordRejectionDelegate implements JavaDelegate {

    private final Announcements announcements;
    private final AnnouncementNotices notices;

    RecordRejectionDelegate(Announcements announcements, AnnouncementNotices notices) {
        this.announcements = announcements;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var submission = Submission.of(execution.getProcessInstanceId(), execution);
        String comment = (String) execution.getVariable("comment");
        announcements.recordRejected(submission, Announcements.Status.REJECTED, (String) execution.getVariable("screenVerdict"), comment,
                (String) execution.getVariable("decidedBy"));
        notices.tellAuthor(submission, "公告未获批准", "审核人意见：" + comment);
    }
}
