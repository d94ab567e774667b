package io.commgov.accounts;

import java.util.Set;

import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.delegate.DelegateTask;
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
    private final People people;

    TaskAssignedNotices(Notifier notifier, People people) {
        this.notifier = notifier;
        this.people = people;
    }

    void offered(DelegateTask task) {
        Set<String> recipients = people.holdersOf(task.getAssignee(), task.getCandidates());
        if (task.getAssignee() == null) {
            recipients.remove((String) task.getVariable("initiator"));
        }
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
            people.emailOf(userId).ifPresent(address -> notifier.email(address, SUBJECT + task.getName(), text));
        }
    }
}
