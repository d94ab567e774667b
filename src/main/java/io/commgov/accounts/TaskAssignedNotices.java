package io.commgov.accounts;

import java.util.LinkedHashSet;
import java.util.Set;

import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * "Task assigned" by e-mail for the account processes: a new task goes to its assignee, or else to its candidate users
 * and the members of its candidate groups (never to the requester); a task assigned later to someone other than the
 * person assigning it goes to the new assignee.
 */
@Component
class TaskAssignedNotices {

    static final String SUBJECT = "[CommGov] 新任务 Task assigned: ";

    private final Notifier notifier;
    private final IdentityService identityService;

    TaskAssignedNotices(Notifier notifier, IdentityService identityService) {
        this.notifier = notifier;
        this.identityService = identityService;
    }

    void offered(DelegateTask task) {
        if (task.getAssignee() != null) {
            mail(Set.of(task.getAssignee()), task);
            return;
        }
        var recipients = new LinkedHashSet<String>();
        for (var link : task.getCandidates()) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                recipients.add(link.getUserId());
            } else if (link.getGroupId() != null) {
                EngineContext.withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(link.getGroupId()).list())
                        .forEach(user -> recipients.add(user.getId()));
            }
        }
        recipients.remove((String) task.getVariable("initiator"));
        mail(recipients, task);
    }

    void assigned(DelegateTask task) {
        String assignee = task.getAssignee();
        // the create event has told a task created with its assignee; claiming one's own task tells nobody
        if (assignee == null || "create".equals(task.getEventName()) || assignee.equals(EngineContext.actor())) {
            return;
        }
        mail(Set.of(assignee), task);
    }

    private void mail(Set<String> userIds, DelegateTask task) {
        String text = task.getName() + "\n" + (task.getDueDate() == null ? "" : "due " + task.getDueDate().toInstant() + "\n")
                + "process " + task.getProcessInstanceId() + ", task " + task.getId();
        for (String userId : userIds) {
            User user = EngineContext.withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
            if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
                notifier.email(user.getEmail(), SUBJECT + task.getName(), text);
            }
        }
    }
}
