package io.commgov.approvals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.commgov.notify.Notifier;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdraw, remind, transfer and delegate. Who may do what is decided here from the request itself (its requester,
 * its tasks' assignees and candidates); the change is then made by the engine, in one transaction, or not at all.
 */
@Service
class ApprovalOperations {

    static final String INITIATOR = "initiator";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final Notifier notifier;
    private final JdbcTemplate jdbc;
    private final Duration reminderInterval;

    ApprovalOperations(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
                       IdentityService identityService, Notifier notifier, JdbcTemplate jdbc,
                       @Value("${commgov.approvals.reminder-interval:PT1H}") Duration reminderInterval) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.notifier = notifier;
        this.jdbc = jdbc;
        this.reminderInterval = reminderInterval;
    }

    /** The requester cancels the request while nobody has decided anything on it yet. */
    @Transactional
    void withdraw(String processInstanceId, String user, String reason) {
        asEngine(() -> {
            HistoricProcessInstance request = requireOpenRequestOf(processInstanceId, user);
            long decided = historyService.createHistoricTaskInstanceQuery().processInstanceId(request.getId()).finished().count();
            if (decided > 0) {
                throw new OperationRefused(409, "request " + processInstanceId + " cannot be withdrawn: an approver has already decided ("
                        + decided + " step(s) done)");
            }
            runtimeService.deleteProcessInstance(request.getId(), "withdrawn by " + user + (reason == null ? "" : ": " + reason));
            return null;
        });
    }

    /** The requester nudges whoever holds the request's open tasks; at most once per interval. */
    @Transactional
    List<String> remind(String processInstanceId, String user) {
        return asEngine(() -> {
            HistoricProcessInstance request = requireOpenRequestOf(processInstanceId, user);
            Instant now = ClockUtil.getCurrentTime().toInstant();
            claimReminderSlot(request.getId(), user, now);
            Set<String> recipients = new LinkedHashSet<>();
            for (Task task : taskService.createTaskQuery().processInstanceId(request.getId()).list()) {
                if (task.getAssignee() != null) {
                    recipients.add(task.getAssignee());
                } else {
                    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
                        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
                            recipients.add(link.getUserId());
                        } else if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                            identityService.createUserQuery().memberOfGroup(link.getGroupId()).list().forEach(u -> recipients.add(u.getId()));
                        }
                    }
                }
            }
            recipients.remove(user);
            for (String recipient : recipients) {
                User u = identityService.createUserQuery().userId(recipient).singleResult();
                if (u != null && u.getEmail() != null) {
                    notifier.email(u.getEmail(), "[催办] " + nameOf(request), user + " 请您尽快处理申请 " + request.getId() + "。");
                }
            }
            return List.copyOf(recipients);
        });
    }

    /** The assignee (or a candidate) hands the task to another user who may hold it. */
    @Transactional
    void transfer(String taskId, String user, List<String> groups, String newUserId) {
        asEngine(() -> {
            Task task = requireTaskHeldOrOfferedTo(taskId, user, groups);
            requireMayHold(task, newUserId);
            taskService.setAssignee(task.getId(), newUserId);
            return null;
        });
    }

    /** The assignee asks another user to work on the task; it comes back to the assignee to decide. */
    @Transactional
    void delegate(String taskId, String user, List<String> groups, String delegateUserId) {
        asEngine(() -> {
            Task task = requireTaskHeldOrOfferedTo(taskId, user, groups);
            if (!user.equals(task.getAssignee())) {
                throw new OperationRefused(409, "only the assignee can delegate task " + taskId + "; claim it first");
            }
            requireExistingUser(delegateUserId);
            if (delegateUserId.equals(runtimeService.getVariable(task.getExecutionId(), INITIATOR))) {
                throw invalid("userId", "four-eyes", "the requester " + delegateUserId + " cannot work on their own request");
            }
            taskService.delegateTask(task.getId(), delegateUserId);
            return null;
        });
    }

    private HistoricProcessInstance requireOpenRequestOf(String processInstanceId, String user) {
        HistoricProcessInstance request = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (request == null) {
            throw new OperationRefused(404, "no request " + processInstanceId);
        }
        if (!user.equals(request.getStartUserId())) {
            throw new OperationRefused(403, "only the requester of " + processInstanceId + " may do this");
        }
        if (request.getEndTime() != null) {
            throw new OperationRefused(409, "request " + processInstanceId + " is already finished");
        }
        return request;
    }

    private Task requireTaskHeldOrOfferedTo(String taskId, String user, List<String> groups) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new OperationRefused(404, "no open task " + taskId);
        }
        boolean holds = user.equals(task.getAssignee());
        boolean offered = task.getAssignee() == null && isCandidate(task, user, groups);
        if (!holds && !offered) {
            throw new OperationRefused(403, "task " + taskId + " is neither assigned nor offered to " + user);
        }
        return task;
    }

    private void requireMayHold(Task task, String newUserId) {
        requireExistingUser(newUserId);
        List<String> groups = identityService.createGroupQuery().groupMember(newUserId).list().stream().map(g -> g.getId()).toList();
        if (!isCandidate(task, newUserId, groups)) {
            throw invalid("userId", "not-a-candidate", newUserId + " may not hold task '" + task.getName()
                    + "': they are neither a candidate user nor in a candidate group of it");
        }
    }

    private void requireExistingUser(String userId) {
        if (userId == null || userId.isBlank()) {
            throw invalid("userId", "required", "userId is required");
        }
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            throw invalid("userId", "unknown-user", "there is no user " + userId);
        }
    }

    private boolean isCandidate(Task task, String user, List<String> groups) {
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (user.equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
                return true;
            }
        }
        return false;
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

    private String nameOf(HistoricProcessInstance request) {
        return request.getProcessDefinitionName() != null ? request.getProcessDefinitionName() : request.getProcessDefinitionKey();
    }

    // permission is decided above from the request itself; the engine acts as itself for the change
    private <T> T asEngine(Supplier<T> work) {
        var authentication = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            identityService.setAuthentication(authentication);
        }
    }

    private static ContractViolationException invalid(String field, String rule, String message) {
        return new ContractViolationException(List.of(new Violation(field, rule, message)));
    }

    /** A refusal with its HTTP status: 403 not yours, 404 unknown, 409 too late or taken, 429 too soon. */
    static class OperationRefused extends RuntimeException {
        final int status;
        final long retryAfterSeconds;

        OperationRefused(int status, String message) {
            this(status, message, 0);
        }

        OperationRefused(int status, String message, long retryAfterSeconds) {
            super(message);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
