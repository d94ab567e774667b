package io.commgov.approvals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carbon copy (抄送): named users or groups are told of a request's outcome when it ends, and may read it (READ on
 * the process instance for the engine's own views, and {@code GET /api/requests/{id}}), never act on it.
 */
@Service
class CarbonCopies {

    record Recipients(List<String> userIds, List<String> groupIds) {
    }

    private final JdbcTemplate jdbc;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final People people;
    private final Notifier notifier;
    private final ApprovalTasks tasks;
    private final AuditTrail audit;

    CarbonCopies(JdbcTemplate jdbc, HistoryService historyService, TaskService taskService, IdentityService identityService,
                 AuthorizationService authorizationService, People people, Notifier notifier, ApprovalTasks tasks, AuditTrail audit) {
        this.jdbc = jdbc;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.people = people;
        this.notifier = notifier;
        this.tasks = tasks;
        this.audit = audit;
    }

    /** The requester, or whoever holds an open task of the request, copies people in while it runs. */
    @Transactional
    Recipients add(String processInstanceId, String user, List<String> userIds, List<String> groupIds) {
        List<String> users = userIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(userIds));
        List<String> groups = groupIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(groupIds));
        Recipients all = tasks.asEngine(() -> {
            HistoricProcessInstance request = requireRequest(processInstanceId);
            boolean holdsATask = taskService.createTaskQuery().processInstanceId(processInstanceId).taskAssignee(user).count() > 0;
            if (!user.equals(request.getStartUserId()) && !holdsATask) {
                throw new OperationRefused(403, "only the requester of " + processInstanceId + " or an assignee of one of its tasks may copy people in");
            }
            if (request.getEndTime() != null) {
                throw new OperationRefused(409, "request " + processInstanceId + " is already finished");
            }
            if (users.isEmpty() && groups.isEmpty()) {
                throw ApprovalTasks.invalid("userIds", "required", "name at least one user (userIds) or group (groupIds)");
            }
            users.forEach(u -> tasks.requireExistingUser("userIds", u));
            for (String g : groups) {
                if (g == null || identityService.createGroupQuery().groupId(g).count() == 0) {
                    throw ApprovalTasks.invalid("groupIds", "unknown-group", "there is no group " + g);
                }
            }
            Recipients known = recipientsOf(processInstanceId);
            users.stream().filter(u -> !known.userIds().contains(u)).forEach(u -> copyIn(processInstanceId, u, null, user));
            groups.stream().filter(g -> !known.groupIds().contains(g)).forEach(g -> copyIn(processInstanceId, null, g, user));
            return recipientsOf(processInstanceId);
        });
        audit.record("request.carbon-copied", "process-instance", processInstanceId, Outcome.SUCCESS, "users " + users + ", groups " + groups);
        return all;
    }

    @Transactional(readOnly = true)
    Recipients recipientsOf(String processInstanceId) {
        var rows = jdbc.queryForList("select user_id, group_id from cg_carbon_copy where process_instance_id = ? order by added_at, id",
                processInstanceId);
        return new Recipients(rows.stream().map(r -> (String) r.get("user_id")).filter(java.util.Objects::nonNull).toList(),
                rows.stream().map(r -> (String) r.get("group_id")).filter(java.util.Objects::nonNull).toList());
    }

    /** Whether {@code user} (in {@code groups}) is copied in on the request. */
    boolean isCopied(String processInstanceId, String user, List<String> groups) {
        Recipients r = recipientsOf(processInstanceId);
        return r.userIds().contains(user) || r.groupIds().stream().anyMatch(groups::contains);
    }

    /** At the request's end (engine listener): everyone copied in is told the outcome. */
    void tellOutcome(String processInstanceId, String processName, String outcome) {
        var commandContext = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
        if (commandContext != null) {
            // whoever ended the request need not be allowed to read the users told of it
            commandContext.runWithoutAuthorization(() -> {
                mailOutcome(processInstanceId, processName, outcome);
                return null;
            });
        } else {
            mailOutcome(processInstanceId, processName, outcome);
        }
    }

    private void mailOutcome(String processInstanceId, String processName, String outcome) {
        Recipients r = recipientsOf(processInstanceId);
        Set<String> people = new LinkedHashSet<>(r.userIds());
        r.groupIds().forEach(g -> people.addAll(this.people.membersOf(g)));
        for (String person : people) {
            this.people.emailOf(person).ifPresent(address -> notifier.email(address, "[抄送] " + processName + "：" + outcome,
                    "申请 " + processInstanceId + "（" + processName + "）已结束：" + outcome + "。您收到的是抄送，无需处理。"));
        }
    }

    /** What a reader of the request sees: who asked, when, where it stands, and its variables. */
    Map<String, Object> read(String processInstanceId, String user, List<String> groups) {
        return tasks.asEngine(() -> {
            HistoricProcessInstance request = requireRequest(processInstanceId);
            boolean involved = user.equals(request.getStartUserId()) || isCopied(processInstanceId, user, groups)
                    || historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).taskAssignee(user).count() > 0
                    || taskService.createTaskQuery().processInstanceId(processInstanceId).taskCandidateUser(user).includeAssignedTasks().count() > 0;
            if (!involved) {
                throw new OperationRefused(403, user + " is neither the requester of " + processInstanceId + " nor copied in on it nor one of its approvers");
            }
            var variables = new java.util.TreeMap<String, Object>();
            historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list().stream()
                    .filter(v -> v.getTaskId() == null)
                    .forEach(v -> variables.put(v.getName(), v.getValue() instanceof java.io.Serializable s ? String.valueOf(s) : String.valueOf(v.getValue())));
            var body = new java.util.LinkedHashMap<String, Object>();
            body.put("id", request.getId());
            body.put("processDefinitionKey", request.getProcessDefinitionKey());
            body.put("name", ApprovalOperations.nameOf(request));
            body.put("requester", request.getStartUserId());
            body.put("state", request.getState());
            body.put("startTime", request.getStartTime());
            body.put("endTime", request.getEndTime());
            body.put("deleteReason", request.getDeleteReason());
            body.put("variables", variables);
            body.put("carbonCopy", recipientsOf(processInstanceId));
            return body;
        });
    }

    private void copyIn(String processInstanceId, String userId, String groupId, String addedBy) {
        jdbc.update("insert into cg_carbon_copy (id, process_instance_id, user_id, group_id, added_by, added_at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), processInstanceId, userId, groupId, addedBy,
                LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC));
        // read, never act: READ on the running instance (its variables in Tasklist and the REST API), and on its history
        for (Resources resource : List.of(Resources.PROCESS_INSTANCE, Resources.HISTORIC_PROCESS_INSTANCE)) {
            Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            read.setUserId(userId);
            read.setGroupId(groupId);
            read.setResource(resource);
            read.setResourceId(processInstanceId);
            read.addPermission(resource == Resources.PROCESS_INSTANCE ? Permissions.READ : org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions.READ);
            authorizationService.saveAuthorization(read);
        }
    }

    private HistoricProcessInstance requireRequest(String processInstanceId) {
        HistoricProcessInstance request = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (request == null) {
            throw new OperationRefused(404, "no request " + processInstanceId);
        }
        return request;
    }
}
