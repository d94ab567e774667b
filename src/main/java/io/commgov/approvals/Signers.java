package io.commgov.approvals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Add signer (加签) and remove signer (减签) on any approval task ({@code contract=approval}), for this one request.
 * The model is not changed: the task stays the one step its gateway reads {@code approved} from.
 * <ul>
 * <li>BEFORE: each signer gets a subtask of the approval task and decides it with {@code sign}; the approval task
 * cannot be completed while one is open, nor approved when a signer rejected (the engine's complete listener,
 * {@link ApprovalEngineHooks#refuseWhileSignersPending}).</li>
 * <li>AFTER: the assignee records their decision with {@code sign} on the approval task itself; then the signers
 * decide, and the approval task completes with the joint decision when the last has signed (any rejection rejects).</li>
 * </ul>
 * SEQUENTIAL signers act one after another, PARALLEL ones at once. Rows live in {@code cg_approval_signer}.
 */
@Service
class Signers {

    enum Placement { BEFORE, AFTER }

    enum Mode { SEQUENTIAL, PARALLEL }

    enum State { WAITING, ACTIVE, SIGNED, REMOVED, SKIPPED }

    record Signer(String userId, String placement, String mode, int seq, String state, String subtaskId, Boolean approved,
                  String comment, String addedBy) {
    }

    private final TaskService taskService;
    private final JdbcTemplate jdbc;
    private final ApprovalTasks tasks;
    private final AuditTrail audit;
    private final AuthorizationService authorizationService;
    private final HistoryService historyService;

    Signers(TaskService taskService, JdbcTemplate jdbc, ApprovalTasks tasks, AuditTrail audit, AuthorizationService authorizationService,
            HistoryService historyService) {
        this.authorizationService = authorizationService;
        this.historyService = historyService;
        this.taskService = taskService;
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.audit = audit;
    }

    @Transactional
    List<Signer> add(String taskId, String user, List<String> groups, List<String> userIds, String placement, String mode) {
        Placement where = oneOf(Placement.class, "position", placement);
        Mode how = oneOf(Mode.class, "mode", mode);
        List<Signer> added = tasks.asEngine(() -> {
            Task task = requireApprovalHeldBy(taskId, user, groups);
            if (decisionOf(taskId) != null) {
                throw new OperationRefused(409, "task " + taskId + " is already decided by " + user + "; signers can no longer be added");
            }
            if (userIds == null || userIds.isEmpty()) {
                throw ApprovalTasks.invalid("userIds", "required", "userIds must name at least one signer");
            }
            String requester = (String) taskService.getVariable(taskId, ApprovalTasks.INITIATOR);
            List<String> pending = pending(taskId).stream().map(Signer::userId).toList();
            for (String signer : new LinkedHashSet<>(userIds)) {
                tasks.requireExistingUser("userIds", signer);
                if (signer.equals(requester)) {
                    throw ApprovalTasks.invalid("userIds", "four-eyes", "the requester " + signer + " can never sign their own request");
                }
                if (signer.equals(task.getAssignee())) {
                    throw ApprovalTasks.invalid("userIds", "self", signer + " already holds this task");
                }
                if (pending.contains(signer)) {
                    throw ApprovalTasks.invalid("userIds", "duplicate", signer + " is already a signer of this task");
                }
            }
            Integer last = jdbc.queryForObject("select max(seq) from cg_approval_signer where task_id = ?", Integer.class, taskId);
            int seq = last == null ? 0 : last;
            for (String signer : new LinkedHashSet<>(userIds)) {
                jdbc.update("insert into cg_approval_signer (id, task_id, process_instance_id, user_id, placement, sign_mode, seq, state,"
                        + " added_by, added_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), taskId,
                        task.getProcessInstanceId(), signer, where.name(), how.name(), ++seq, State.WAITING.name(), user, now());
            }
            advance(task);
            return list(taskId);
        });
        audit.record("task.signers-added", "task", taskId, Outcome.SUCCESS, where + " " + how + ": " + userIds);
        return added;
    }

    /** 减签: only a signer who has not acted yet; by the task's assignee or whoever added them. */
    @Transactional
    void remove(String taskId, String user, String signer) {
        tasks.asEngine(() -> {
            Task task = tasks.requireOpenTaskLocked(taskId);
            var row = jdbc.queryForList("select state, subtask_id, added_by from cg_approval_signer where task_id = ? and user_id = ?"
                    + " and state in ('WAITING', 'ACTIVE', 'SIGNED')", taskId, signer);
            if (row.isEmpty()) {
                throw new OperationRefused(404, signer + " is not a signer of task " + taskId);
            }
            if (!user.equals(task.getAssignee()) && row.stream().noneMatch(r -> user.equals(r.get("added_by")))) {
                throw new OperationRefused(403, "only the assignee of task " + taskId + " or whoever added " + signer + " may remove them");
            }
            int removed = jdbc.update("update cg_approval_signer set state = 'REMOVED', decided_at = ? where task_id = ? and user_id = ?"
                    + " and state in ('WAITING', 'ACTIVE')", now(), taskId, signer);
            if (removed == 0) {
                throw new OperationRefused(409, signer + " has already signed task " + taskId + "; a signer who acted cannot be removed");
            }
            row.stream().filter(r -> "ACTIVE".equals(r.get("state")) && r.get("subtask_id") != null)
                    .forEach(r -> taskService.deleteTask((String) r.get("subtask_id"), "signer removed by " + user));
            advance(task);
            return null;
        });
        audit.record("task.signer-removed", "task", taskId, Outcome.SUCCESS, signer + " removed");
    }

    /**
     * A signer decides their subtask; or the assignee of an approval task with signers AFTER them records their own
     * decision, which hands the task on to those signers.
     */
    @Transactional
    void sign(String taskId, String user, Boolean approved, String comment) {
        String parent = tasks.asEngine(() -> {
            requireDecision(approved, comment);
            Task task = tasks.requireOpenTaskLocked(taskId);
            var asSigner = jdbc.queryForList("select task_id from cg_approval_signer where subtask_id = ? and state = 'ACTIVE'", taskId);
            if (!asSigner.isEmpty()) {
                String parentId = (String) asSigner.get(0).get("task_id");
                if (!user.equals(task.getAssignee())) {
                    throw new OperationRefused(403, "task " + taskId + " is the signature of " + task.getAssignee() + ", not of " + user);
                }
                if (user.equals(taskService.getVariable(parentId, ApprovalTasks.INITIATOR))) {
                    throw ApprovalTasks.invalid("approved", "four-eyes", "the requester " + user + " may not sign their own request");
                }
                int signed = jdbc.update("update cg_approval_signer set state = 'SIGNED', approved = ?, remark = ?, decided_at = ?"
                        + " where subtask_id = ? and state = 'ACTIVE'", approved, comment, now(), taskId);
                if (signed == 0) {
                    throw new OperationRefused(409, "task " + taskId + " was removed or signed at the same moment");
                }
                taskService.complete(taskId);
                advance(tasks.requireOpenTask(parentId));
                return parentId;
            }
            if (!user.equals(task.getAssignee())) {
                throw new OperationRefused(403, "task " + taskId + " is not assigned to " + user);
            }
            if (pending(taskId).stream().noneMatch(s -> Placement.AFTER.name().equals(s.placement()))) {
                throw new OperationRefused(409, "task " + taskId + " has no signers after its assignee; decide it by completing it");
            }
            if (pending(taskId).stream().anyMatch(s -> Placement.BEFORE.name().equals(s.placement()))) {
                throw new OperationRefused(409, "task " + taskId + " still has signers before its assignee: "
                        + pending(taskId).stream().filter(s -> Placement.BEFORE.name().equals(s.placement())).map(Signer::userId).toList());
            }
            try {
                jdbc.update("insert into cg_approval_decision (task_id, decided_by, approved, remark, decided_at) values (?, ?, ?, ?, ?)",
                        taskId, user, approved, comment, now());
            } catch (org.springframework.dao.DuplicateKeyException e) {
                throw new OperationRefused(409, "task " + taskId + " is already decided by its assignee");
            }
            if (!approved) {
                // a rejection needs nobody after it: the request is rejected now
                pending(taskId).stream().filter(s -> s.subtaskId() != null).forEach(s -> taskService.deleteTask(s.subtaskId(), "rejected before"));
                jdbc.update("update cg_approval_signer set state = 'SKIPPED', decided_at = ? where task_id = ? and state in ('WAITING', 'ACTIVE')",
                        now(), taskId);
            }
            advance(task);
            return taskId;
        });
        audit.record("task.signed", "task", taskId, Outcome.SUCCESS, (approved ? "approved" : "rejected") + (parent.equals(taskId) ? "" : " as signer of " + parent));
    }

    /**
     * The signers of a task, for whoever may see it: those Camunda lets read it (its holders and candidates), its
     * signers and whoever added them, and the requester following the request.
     */
    @Transactional(readOnly = true)
    List<Signer> listFor(String taskId, String user, List<String> groups) {
        boolean maySee = tasks.asEngine(() -> {
            var task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (task == null) {
                throw new OperationRefused(404, "no task " + taskId);
            }
            if (task.getEndTime() == null && authorizationService.isUserAuthorized(user, groups, Permissions.READ, Resources.TASK, taskId)) {
                return true;
            }
            Integer signerOrAdder = jdbc.queryForObject("select count(*) from cg_approval_signer where task_id = ? and (user_id = ? or added_by = ?)",
                    Integer.class, taskId, user, user);
            if (signerOrAdder != null && signerOrAdder > 0) {
                return true;
            }
            if (task.getProcessInstanceId() == null) {
                return false;
            }
            var request = historyService.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
            if (request != null && user.equals(request.getStartUserId())) {
                return true;
            }
            return historyService.createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
                    .variableName(ApprovalTasks.INITIATOR).list().stream().filter(v -> v.getTaskId() == null).findFirst()
                    .map(v -> user.equals(v.getValue())).orElse(false);
        });
        if (!maySee) {
            throw new OperationRefused(403, user + " may not see task " + taskId
                    + ": only its holders, its signers and its requester see who signs it");
        }
        return list(taskId);
    }

    @Transactional(readOnly = true)
    List<Signer> list(String taskId) {
        return jdbc.query("select * from cg_approval_signer where task_id = ? order by seq", (rs, i) -> new Signer(rs.getString("user_id"),
                rs.getString("placement"), rs.getString("sign_mode"), rs.getInt("seq"), rs.getString("state"), rs.getString("subtask_id"),
                (Boolean) rs.getObject("approved", Boolean.class), rs.getString("remark"), rs.getString("added_by")), taskId);
    }

    /** Who still has to sign before {@code taskId} may be completed; read by the engine's complete listener. */
    List<Signer> pending(String taskId) {
        return list(taskId).stream().filter(s -> State.WAITING.name().equals(s.state()) || State.ACTIVE.name().equals(s.state())).toList();
    }

    /** Gives the next signers their subtasks, and completes an approval whose assignee decided once all after them signed. */
    private void advance(Task task) {
        var decision = decisionOf(task.getId());
        List<Signer> all = list(task.getId());
        for (Placement phase : Placement.values()) {
            if (phase == Placement.AFTER && decision == null) {
                break;
            }
            List<Signer> open = all.stream().filter(s -> s.placement().equals(phase.name())
                    && (State.WAITING.name().equals(s.state()) || State.ACTIVE.name().equals(s.state()))).toList();
            boolean sequentialActive = open.stream().anyMatch(s -> Mode.SEQUENTIAL.name().equals(s.mode()) && State.ACTIVE.name().equals(s.state()));
            for (Signer s : open) {
                if (!State.WAITING.name().equals(s.state())) {
                    continue;
                }
                if (Mode.SEQUENTIAL.name().equals(s.mode())) {
                    if (sequentialActive) {
                        continue;
                    }
                    sequentialActive = true;
                }
                activate(task, s);
            }
            if (!open.isEmpty()) {
                return;
            }
        }
        if (decision != null) {
            List<Signer> signed = list(task.getId()).stream().filter(s -> State.SIGNED.name().equals(s.state())).toList();
            boolean approved = (Boolean) decision.get("approved") && signed.stream().allMatch(s -> Boolean.TRUE.equals(s.approved()));
            List<String> comments = new ArrayList<>();
            if (decision.get("remark") != null) {
                comments.add(decision.get("decided_by") + ": " + decision.get("remark"));
            }
            signed.stream().filter(s -> s.comment() != null).forEach(s -> comments.add(s.userId() + ": " + s.comment()));
            Map<String, Object> variables = new HashMap<>();
            variables.put("approved", approved);
            variables.put("comment", comments.isEmpty() ? (approved ? null : "rejected by a signer") : String.join("; ", comments));
            taskService.complete(task.getId(), variables);
        }
    }

    private void activate(Task parent, Signer signer) {
        Task subtask = taskService.newTask();
        subtask.setParentTaskId(parent.getId());
        subtask.setName("加签 " + parent.getName());
        subtask.setDescription("Sign request " + parent.getProcessInstanceId() + " (task " + parent.getId() + ") for " + signer.addedBy()
                + ": POST /api/tasks/{this task}/sign with approved and comment.");
        subtask.setAssignee(signer.userId());
        subtask.setTenantId(parent.getTenantId());
        taskService.saveTask(subtask);
        jdbc.update("update cg_approval_signer set state = 'ACTIVE', subtask_id = ? where task_id = ? and user_id = ? and state = 'WAITING'",
                subtask.getId(), parent.getId(), signer.userId());
    }

    private Map<String, Object> decisionOf(String taskId) {
        var rows = jdbc.queryForList("select decided_by, approved, remark from cg_approval_decision where task_id = ?", taskId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Task requireApprovalHeldBy(String taskId, String user, List<String> groups) {
        Task task = tasks.requireOpenTaskLocked(taskId);
        if (task.getProcessInstanceId() == null || !tasks.isApproval(task.getProcessDefinitionId(), task.getTaskDefinitionKey())) {
            throw new OperationRefused(409, "task " + taskId + " is not an approval of a request; signers join approvals only");
        }
        if (!user.equals(task.getAssignee())) {
            if (task.getAssignee() == null && tasks.isCandidate(task, user, groups)) {
                throw new OperationRefused(409, "task " + taskId + " is offered to you but not yours yet; claim it first");
            }
            throw new OperationRefused(403, "task " + taskId + " is not assigned to " + user);
        }
        return task;
    }

    private static void requireDecision(Boolean approved, String comment) {
        if (approved == null) {
            throw ApprovalTasks.invalid("approved", "required", "approved (true or false) is required");
        }
        if (!approved && (comment == null || comment.isBlank())) {
            throw ApprovalTasks.invalid("comment", "required-when-rejected", "comment is required when approved is false: say why");
        }
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApprovalTasks.invalid(field, "required", field + " is required (one of " + List.of(type.getEnumConstants()) + ")");
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApprovalTasks.invalid(field, "one-of", field + " must be one of " + List.of(type.getEnumConstants()));
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    }
}
