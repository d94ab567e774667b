package io.commgov.approvals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdraw, remind, transfer, delegate and take back. Who may do what is decided here from the request itself (its requester,
 * its tasks' assignees and candidates); the change is then made by the engine, in one transaction, or not at all.
 */
@Service
class ApprovalOperations {

    static final String INITIATOR = ApprovalTasks.INITIATOR;

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final People people;
    private final Notifier notifier;
    private final JdbcTemplate jdbc;
    private final Duration reminderInterval;
    private final AuditTrail audit;
    private final ApprovalTasks tasks;
    private final ApplicationEventPublisher publisher;

    ApprovalOperations(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
                       People people, Notifier notifier, JdbcTemplate jdbc,
                       @Value("${commgov.approvals.reminder-interval:PT1H}") Duration reminderInterval, AuditTrail audit,
                       ApprovalTasks tasks, ApplicationEventPublisher publisher) {
        this.tasks = tasks;
        this.publisher = publisher;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.people = people;
        this.notifier = notifier;
        this.jdbc = jdbc;
        this.reminderInterval = reminderInterval;
        this.audit = audit;
    }

    /**
     * The requester cancels the request while nobody has decided anything on it yet. The capabilities close their
     * records of it ({@link RequestWithdrawn}, same transaction) and the approvers who had it are told.
     */
    @Transactional
    void withdraw(String processInstanceId, String user, String reason) {
        HistoricProcessInstance request = tasks.asEngine(() -> {
            tasks.lockRequest(processInstanceId);
            HistoricProcessInstance open = requireOpenRequestOf(processInstanceId, user);
            long decided = historyService.createHistoricTaskInstanceQuery().processInstanceId(open.getId()).finished().count();
            if (decided > 0) {
                throw new OperationRefused(409, "request " + processInstanceId + " cannot be withdrawn: an approver has already decided ("
                        + decided + " step(s) done)");
            }
            Set<String> approvers = holdersOf(open.getId());
            approvers.remove(user);
            runtimeService.deleteProcessInstance(open.getId(), "withdrawn by " + user + (reason == null ? "" : ": " + reason));
            for (String approver : approvers) {
                mail(approver, "[撤回] " + nameOf(open), user + " 已撤回申请 " + open.getId() + "，您无需再处理。"
                        + (reason == null ? "" : "\n原因：" + reason));
            }
            return open;
        });
        publisher.publishEvent(new RequestWithdrawn(processInstanceId, request.getProcessDefinitionKey(), user, reason));
        audit.record("request.withdrawn", "process-instance", processInstanceId, Outcome.SUCCESS, reason);
    }

    /** The requester nudges whoever holds the request's open tasks; at most once per interval. */
    @Transactional
    List<String> remind(String processInstanceId, String user) {
        List<String> reminded = tasks.asEngine(() -> {
            HistoricProcessInstance request = requireOpenRequestOf(processInstanceId, user);
            Instant now = ClockUtil.getCurrentTime().toInstant();
            claimReminderSlot(request.getId(), user, now);
            Set<String> recipients = holdersOf(request.getId());
            recipients.remove(user);
            for (String recipient : recipients) {
                mail(recipient, "[催办] " + nameOf(request), user + " 请您尽快处理申请 " + request.getId() + "。");
            }
            return List.copyOf(recipients);
        });
        audit.record("request.reminded", "process-instance", processInstanceId, Outcome.SUCCESS, "to " + reminded);
        return reminded;
    }

    /** The assignee (or a candidate) hands the task to another user who may hold it. */
    @Transactional
    void transfer(String taskId, String user, List<String> groups, String newUserId) {
        tasks.asEngine(() -> {
            Task task = requireTaskHeldOrOfferedTo(taskId, user, groups);
            requireMayHold(task, newUserId);
            if (newUserId.equals(taskService.getVariable(task.getId(), INITIATOR))) {
                throw ApprovalTasks.invalid("userId", "four-eyes", "the requester " + newUserId + " cannot hold a task of their own request");
            }
            taskService.setAssignee(task.getId(), newUserId);
            return null;
        });
        audit.record("task.transferred", "task", taskId, Outcome.SUCCESS, "to " + newUserId);
    }

    /** The assignee asks another user to work on the task; it comes back to the assignee to decide. */
    @Transactional
    void delegate(String taskId, String user, List<String> groups, String delegateUserId) {
        tasks.asEngine(() -> {
            Task task = requireTaskHeldOrOfferedTo(taskId, user, groups);
            if (!user.equals(task.getAssignee())) {
                throw new OperationRefused(409, "only the assignee can delegate task " + taskId + "; claim it first");
            }
            tasks.requireExistingUser("userId", delegateUserId);
            if (delegateUserId.equals(taskService.getVariable(task.getId(), INITIATOR))) {
                throw ApprovalTasks.invalid("userId", "four-eyes", "the requester " + delegateUserId + " cannot work on their own request");
            }
            taskService.delegateTask(task.getId(), delegateUserId);
            return null;
        });
        audit.record("task.delegated", "task", taskId, Outcome.SUCCESS, "to " + delegateUserId);
    }

    /**
     * An approver revokes their own decision while the next step has not been acted on: the step they decided is
     * started again, assigned to them, and whatever it led to (unclaimed tasks, gateways) is cancelled. Refused once
     * anything else has happened after it: a task claimed or decided, a service task run, a timer or message waited on.
     */
    @Transactional
    void takeBack(String taskId, String user) {
        String returned = tasks.asEngine(() -> {
            HistoricTaskInstance decided = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (decided == null) {
                throw new OperationRefused(404, "no task " + taskId);
            }
            if (decided.getEndTime() == null) {
                throw new OperationRefused(409, "task " + taskId + " is not decided yet; there is nothing to take back");
            }
            if (!user.equals(deciderOf(decided))) {
                throw new OperationRefused(403, "only the approver who decided task " + taskId + " may take it back");
            }
            if (!"completed".equals(decided.getDeleteReason())) {
                throw new OperationRefused(409, "task " + taskId + " was not decided but ended (" + decided.getDeleteReason() + ")");
            }
            if (!tasks.isApproval(decided.getProcessDefinitionId(), decided.getTaskDefinitionKey())) {
                throw new OperationRefused(409, "task " + taskId + " is not an approval; only a decision can be taken back");
            }
            String pi = decided.getProcessInstanceId();
            tasks.lockRequest(pi);
            var request = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
            if (request == null || request.getEndTime() != null) {
                throw new OperationRefused(409, "request " + pi + " is already finished; the decision stands");
            }
            requireNothingActedOnSince(decided);
            var modification = runtimeService.createProcessInstanceModification(pi).startBeforeActivity(decided.getTaskDefinitionKey());
            for (var child : runtimeService.getActivityInstance(pi).getChildActivityInstances()) {
                modification.cancelActivityInstance(child.getId());
            }
            modification.execute();
            Task again = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(decided.getTaskDefinitionKey()).singleResult();
            taskService.setAssignee(again.getId(), user);
            return again.getId();
        });
        audit.record("task.taken-back", "task", taskId, Outcome.SUCCESS, "decision revoked; the step is open again as task " + returned);
    }

    /** A decision the user made on a request that is still running: what they may ask to take back. */
    record Decision(String taskId, String taskName, String processInstanceId, String requestName, java.util.Date decidedAt) {
    }

    /**
     * The user's latest decisions on running requests, newest first: the approval tasks they completed, whether they had
     * claimed them or completed them as a candidate. Whether one can still be taken back is decided when they ask.
     */
    List<Decision> decisionsOf(String user, int max) {
        return tasks.asEngine(() -> {
            Set<String> seen = new java.util.HashSet<>();
            List<HistoricTaskInstance> found = new java.util.ArrayList<>();
            // page through the user's completions, newest first, until enough open decisions are found: those of a busy
            // approver's finished requests come first and must not hide older ones
            for (int first = 0; first < DECISION_SCAN_LIMIT && found.size() < max; first += DECISION_PAGE) {
                var page = historyService.createUserOperationLogQuery().userId(user).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                        .entityType(org.camunda.bpm.engine.EntityTypes.TASK).orderByTimestamp().desc().listPage(first, DECISION_PAGE);
                // the user's own completion entries: they are the decider
                page.forEach(entry -> openDecision(entry.getTaskId(), user, seen, true).ifPresent(found::add));
                if (page.size() < DECISION_PAGE) {
                    break;
                }
            }
            // completions made without an authenticated user (no operation log entry) by the assignee
            historyService.createHistoricTaskInstanceQuery().taskAssignee(user).finished().processUnfinished()
                    .orderByHistoricTaskInstanceEndTime().desc().listPage(0, DECISION_PAGE)
                    .forEach(t -> openDecision(t.getId(), user, seen, false).ifPresent(found::add));
            return found.stream()
                    .sorted(java.util.Comparator.comparing(HistoricTaskInstance::getEndTime).reversed())
                    .limit(max)
                    .map(t -> new Decision(t.getId(), t.getName(), t.getProcessInstanceId(), nameOf(requireRequest(t.getProcessInstanceId())),
                            t.getEndTime()))
                    .toList();
        });
    }

    private static final int DECISION_PAGE = 200;
    private static final int DECISION_SCAN_LIMIT = 2_000;

    // an approval the user decided on a running request whose step has not been opened again (taken back, sent round)
    private java.util.Optional<HistoricTaskInstance> openDecision(String taskId, String user, Set<String> seen, boolean decidedByUser) {
        if (taskId == null || !seen.add(taskId)) {
            return java.util.Optional.empty();
        }
        HistoricTaskInstance t = historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().processUnfinished()
                .taskDeleteReason("completed").singleResult();
        boolean open = t != null && (decidedByUser || user.equals(deciderOf(t))) && tasks.isApproval(t.getProcessDefinitionId(), t.getTaskDefinitionKey())
                && !openedAgain(t);
        return open ? java.util.Optional.of(t) : java.util.Optional.empty();
    }

    // the step was entered again after this decision (taken back, sent round). Ordered by the engine's sequence counter, not
    // by time: MariaDB keeps history times to the second, and a take-back often falls in the decision's second
    private boolean openedAgain(HistoricTaskInstance decided) {
        var visits = historyService.createHistoricActivityInstanceQuery().processInstanceId(decided.getProcessInstanceId())
                .activityId(decided.getTaskDefinitionKey()).list();
        long decidedAt = visits.stream().filter(a -> a.getId().equals(decided.getActivityInstanceId()))
                .mapToLong(ApprovalOperations::sequenceOf).findFirst().orElse(Long.MAX_VALUE);
        return visits.stream().anyMatch(a -> sequenceOf(a) > decidedAt);
    }

    private static long sequenceOf(org.camunda.bpm.engine.history.HistoricActivityInstance activity) {
        return ((HistoricActivityInstanceEventEntity) activity).getSequenceCounter();
    }

    // whoever completed it: an approver may complete an offered task without claiming it first
    private String deciderOf(HistoricTaskInstance decided) {
        return historyService.createUserOperationLogQuery().taskId(decided.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(UserOperationLogEntry::getUserId).filter(java.util.Objects::nonNull).findFirst().orElse(decided.getAssignee());
    }

    // after the decision only gateways may have run, and the tasks it opened must be untouched
    private void requireNothingActedOnSince(HistoricTaskInstance decided) {
        String pi = decided.getProcessInstanceId();
        var activities = historyService.createHistoricActivityInstanceQuery().processInstanceId(pi).list();
        long decidedAt = activities.stream().filter(a -> a.getId().equals(decided.getActivityInstanceId()))
                .mapToLong(ApprovalOperations::sequenceOf).findFirst()
                .orElseThrow(() -> new OperationRefused(409, "the step of task " + decided.getId() + " is not in the request's history"));
        for (var activity : activities) {
            // earlier steps, and steps cancelled by an earlier take-back, are not "after" this decision
            if (sequenceOf(activity) <= decidedAt || activity.isCanceled()
                    || activity.getStartTime().before(decided.getStartTime())) {
                continue;
            }
            boolean passedThrough = activity.getActivityType().endsWith("Gateway");
            boolean openTask = "userTask".equals(activity.getActivityType()) && activity.getEndTime() == null;
            if (!passedThrough && !openTask) {
                throw new OperationRefused(409, "the decision on task " + decided.getId() + " cannot be taken back: the request has moved on ("
                        + (activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId()) + ")");
            }
        }
        for (Task next : taskService.createTaskQuery().processInstanceId(pi).list()) {
            if (next.getAssignee() != null || next.getDelegationState() != null) {
                throw new OperationRefused(409, "the decision on task " + decided.getId() + " cannot be taken back: the next step '"
                        + next.getName() + "' has been taken by " + (next.getAssignee() != null ? next.getAssignee() : next.getOwner()));
            }
            if (!taskService.getSubTasks(next.getId()).isEmpty()) {
                throw new OperationRefused(409, "the decision on task " + decided.getId() + " cannot be taken back: the next step '"
                        + next.getName() + "' has signers working on it");
            }
        }
    }

    private HistoricProcessInstance requireOpenRequestOf(String processInstanceId, String user) {
        HistoricProcessInstance request = requireRequest(processInstanceId);
        if (!user.equals(request.getStartUserId())) {
            throw new OperationRefused(403, "only the requester of " + processInstanceId + " may do this");
        }
        if (request.getEndTime() != null) {
            throw new OperationRefused(409, "request " + processInstanceId + " is already finished");
        }
        return request;
    }

    HistoricProcessInstance requireRequest(String processInstanceId) {
        HistoricProcessInstance request = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (request == null) {
            throw new OperationRefused(404, "no request " + processInstanceId);
        }
        return request;
    }

    private Task requireTaskHeldOrOfferedTo(String taskId, String user, List<String> groups) {
        Task task = tasks.requireOpenTaskLocked(taskId);
        boolean holds = user.equals(task.getAssignee());
        boolean candidate = tasks.isCandidate(task, user, groups);
        if (!holds && candidate && task.getAssignee() != null) {
            throw new OperationRefused(409, "task " + taskId + " has just been taken by " + task.getAssignee());
        }
        if (!holds && !candidate) {
            throw new OperationRefused(403, "task " + taskId + " is neither assigned nor offered to " + user);
        }
        return task;
    }

    private void requireMayHold(Task task, String newUserId) {
        tasks.requireExistingUser("userId", newUserId);
        if (!tasks.isCandidate(task, newUserId, tasks.groupsOf(newUserId))) {
            throw ApprovalTasks.invalid("userId", "not-a-candidate", newUserId + " may not hold task '" + task.getName()
                    + "': they are neither a candidate user nor in a candidate group of it");
        }
    }

    /** Whoever holds the request's open tasks. */
    private Set<String> holdersOf(String processInstanceId) {
        Set<String> holders = new LinkedHashSet<>();
        for (Task task : taskService.createTaskQuery().processInstanceId(processInstanceId).list()) {
            holders.addAll(people.holdersOf(task.getAssignee(), taskService.getIdentityLinksForTask(task.getId())));
        }
        return holders;
    }

    private void mail(String userId, String subject, String text) {
        people.emailOf(userId).ifPresent(address -> notifier.email(address, subject, text));
    }

    // one row per request; the update only succeeds once the interval has passed, on whichever node asks
    private void claimReminderSlot(String processInstanceId, String user, Instant now) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        LocalDateTime earliestPrevious = LocalDateTime.ofInstant(now.minus(reminderInterval), ZoneOffset.UTC);
        int updated = jdbc.update("update cg_reminder set sent_by = ?, sent_at = ?, times_sent = times_sent + 1"
                + " where process_instance_id = ? and sent_at <= ?", user, at, processInstanceId, earliestPrevious);
        if (updated == 1) {
            return;
        }
        try {
            jdbc.update("insert into cg_reminder (process_instance_id, sent_by, sent_at, times_sent) values (?, ?, ?, 1)",
                    processInstanceId, user, at);
        } catch (DuplicateKeyException e) {
            LocalDateTime last = jdbc.queryForObject("select sent_at from cg_reminder where process_instance_id = ?",
                    LocalDateTime.class, processInstanceId);
            Duration wait = Duration.between(now, last.toInstant(ZoneOffset.UTC).plus(reminderInterval));
            throw new OperationRefused(429, "a reminder for " + processInstanceId + " was sent at " + last + " UTC; the next one is possible in "
                    + Math.max(1, wait.toMinutes()) + " minute(s)", Math.max(1, wait.getSeconds()));
        }
    }

    static String nameOf(HistoricProcessInstance request) {
        return request.getProcessDefinitionName() != null ? request.getProcessDefinitionName() : request.getProcessDefinitionKey();
    }
}
