package io.commgov.announcements;

import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_DeliverToPlatform: one delivery round to the platform's IM robot; the outcome routes the process, nothing is thrown. */
@Component
class DeliverToPlatformDelegate implements JavaDelegate {

    private final Notifier notifier;
    private final Announcements announcements;
    private final AnnouncementDelivery delivery;

    DeliverToPlatformDelegate(Notifier notifier, Announcements announcements, AnnouncementDelivery delivery) {
        this.notifier = notifier;
        this.announcements = announcements;
        this.delivery = delivery;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var submission = Submission.of(execution.getProcessInstanceId(), execution);
        var outcome = notifier.im(delivery.channel(), message(submission, execution));
        int round = AnnouncementDelivery.roundsDone(execution) + 1;
        execution.setVariable("deliveryRounds", round);
        execution.setVariable("delivered", outcome.delivered());
        execution.setVariable("deliveryError", outcome.error());
        announcements.deliveryRound(submission.processInstanceId(), outcome.delivered(), outcome.attempts(), outcome.error(),
                round < delivery.rounds());
    }

    private static String message(Submission s, DelegateExecution execution) {
        String label = switch (s.contentClass()) {
            case "ANNOUNCEMENT" -> "公告";
            case "WORK" -> "工作通知";
            default -> "日常";
        };
        String audience = s.audience().isEmpty() ? "" : "\n发送范围：" + String.join("、", s.audience());
        return "【" + label + "】" + s.title() + "\n\n" + s.body() + "\n\n发布人：" + s.author() + audience
                + "\nSM3：" + execution.getVariable("contentSm3");
    }
}
