package io.commgov.approvals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.commgov.identity.Role;
import io.commgov.identity.Unrestricted;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.CommentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may hold a user task of a process (R-SOD, least privilege): whom its model offers it to when it is created (candidate
 * users, members of candidate groups, the assignee the model names), recorded then in {@code cg_task_holder} where no
 * task holder can change it; the active substitute of one of them, or the substitute it was routed to
 * ({@code cg_substitution}). The requester never holds their own approval, and the platform operator
 * ({@code camunda-admin}) decides none: Camunda lets the administrator through its own checks, so this one is CommGov's.
 * Checked by the engine's task listeners ({@link ApprovalsParseListener}) on every route that changes who holds a task.
 */
@Component
class TaskHolders {

    static final String NOT_ENTITLED = "not-entitled";
    static final String OPERATOR = Role.CAMUNDA_ADMIN.groupId();

    record Entitled(Set<String> users, Set<String> groups) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<IdentityService> identityService;
    private final ObjectProvider<ApprovalTasks> tasks;

    TaskHolders(JdbcTemplate jdbc, ObjectProvider<IdentityService> identityService, ObjectProvider<ApprovalTasks> tasks) {
        this.jdbc = jdbc;
        this.identityService = identityService;
        this.tasks = tasks;
    }

    /** On creating a user task: what the model gave it, before anything (substitutes, people) changes its links. */
    void record(DelegateTask task) {
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            users.add(task.getAssignee());
        }
        task.getCandidates().forEach(link -> {
            if (link.getUserId() != null) {
                users.add(link.getUserId());
            }
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        });
        // one round trip per kind, however many candidates the model names
        jdbc.batchUpdate("insert into cg_task_holder (task_id, user_id) values (?, ?)",
                users.stream().map(user -> new Object[] {task.getId(), user}).toList());
        jdbc.batchUpdate("insert into cg_task_holder (task_id, group_id) values (?, ?)",
                groups.stream().map(group -> new Object[] {task.getId(), group}).toList());
        if (users.isEmpty() && groups.isEmpty()) {
            // a task offered to nobody: the row says so, so the model's expressions are not read again later
            jdbc.update("insert into cg_task_holder (task_id) values (?)", task.getId());
        }
    }

    /** On a task's end (completed or cancelled): its record goes with it. */
    void forget(DelegateTask task) {
        jdbc.update("delete from cg_task_holder where task_id = ?", task.getId());
    }

    /** On assigning (set assignee, claim, delegate, resolve, transfer, substitute routing): the new assignee must be entitled. */
    void requireEntitledAssignee(DelegateTask task) {
        refusal(task, task.getAssignee()).ifPresent(reason -> {
            throw ApprovalTasks.invalid("assignee", reason.rule(), task.getAssignee() + " may not hold task '" + task.getName() + "': " + reason.message());
        });
    }

    /**
     * On any other change to a task (owner, identity links, comments, attachments, variables, resolve): a new owner or
     * candidate must be entitled; whoever makes the change must be someone who may work the task, except the platform
     * operator re-routing it (Cockpit) to someone entitled.
     */
    void requireEntitledChange(DelegateTask task) {
        var entity = (TaskEntity) task;
        var ownerChange = entity.getPropertyChanges().get(TaskEntity.OWNER);
        if (ownerChange != null && task.getOwner() != null) {
            refusal(task, task.getOwner()).ifPresent(reason -> {
                throw ApprovalTasks.invalid("owner", reason.rule(), task.getOwner() + " may not own task '" + task.getName() + "': " + reason.message());
            });
        }
        var cache = Context.getCommandContext().getDbEntityManager();
        for (IdentityLinkEntity link : cache.getCachedEntitiesByType(IdentityLinkEntity.class)) {
            if (!task.getId().equals(link.getTaskId()) || !cache.getDbEntityCache().isTransient(link)
                    || !IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                refusal(task, link.getUserId()).ifPresent(reason -> {
                    throw ApprovalTasks.invalid("candidate", reason.rule(), link.getUserId() + " may not be offered task '" + task.getName() + "': "
                            + reason.message());
                });
            } else {
                Entitled entitled = entitled(task);
                if (!entitled.groups().contains(link.getGroupId())) {
                    throw ApprovalTasks.invalid("candidate", NOT_ENTITLED, "group " + link.getGroupId() + " may not be offered task '" + task.getName()
                            + "': its model offers it to " + describe(entitled));
                }
            }
        }
        String actor = actor();
        if (actor == null) {
            return;
        }
        boolean commentsOrFiles = cache.getCachedEntitiesByType(CommentEntity.class).stream()
                .anyMatch(c -> task.getId().equals(c.getTaskId()) && cache.getDbEntityCache().isTransient(c))
                || cache.getCachedEntitiesByType(AttachmentEntity.class).stream().anyMatch(a -> task.getId().equals(a.getTaskId()));
        if (!commentsOrFiles && isOperator()) {
            return;
        }
        refusal(task, actor).ifPresent(reason -> {
            throw ApprovalTasks.invalid("actor", reason.rule(), actor + " may not work on task '" + task.getName() + "': " + reason.message());
        });
    }

    /** On completing a task (complete, submit-form): whoever completes it must be someone who may hold it. */
    void requireEntitledDecider(DelegateTask task) {
        String actor = actor();
        if (actor == null) {
            // the engine itself (a timer, or an operation that checked its caller, such as signing)
            return;
        }
        if (isOperator() && isApproval(task)) {
            throw ApprovalTasks.invalid("actor", "operator-not-approver", actor + " operates the platform and decides no approval: task '"
                    + task.getName() + "' is decided by " + describe(entitled(task)));
        }
        refusal(task, actor).ifPresent(reason -> {
            throw ApprovalTasks.invalid("actor", reason.rule(), actor + " may not complete task '" + task.getName() + "': " + reason.message());
        });
    }

    /** Why {@code userId} may not hold the task, or nothing when they may (or when there is nobody). */
    Optional<Violation> refusal(DelegateTask task, String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        boolean approval = isApproval(task);
        // the requester as the engine recorded the start, never a variable a task-local or transient one could shadow
        if (approval && userId.equals(io.commgov.validation.Requester.of(task))) {
            return Optional.of(new Violation("userId", "four-eyes", userId + " asked for this request and may not hold its approval"));
        }
        List<String> groups = groupsOf(userId);
        if (approval && groups.contains(OPERATOR)) {
            return Optional.of(new Violation("userId", "operator-not-approver", userId + " operates the platform and decides no approval"));
        }
        Entitled entitled = entitled(task);
        if (entitled.users().contains(userId) || groups.stream().anyMatch(entitled.groups()::contains)) {
            return Optional.empty();
        }
        if (isSubstituteFor(task, userId, entitled)) {
            return Optional.empty();
        }
        return Optional.of(new Violation("userId", NOT_ENTITLED, "its model offers it to " + describe(entitled)
                + ", and " + userId + " is none of them nor their substitute"));
    }

    /** The model's holders of the task: as recorded at its creation, or (a task created before they were recorded) as its expressions give them now. */
    Entitled entitled(DelegateTask task) {
        var rows = jdbc.queryForList("select user_id, group_id from cg_task_holder where task_id = ?", task.getId());
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        if (!rows.isEmpty()) {
            rows.forEach(row -> {
                if (row.get("user_id") != null) {
                    users.add((String) row.get("user_id"));
                }
                if (row.get("group_id") != null) {
                    groups.add((String) row.get("group_id"));
                }
            });
            return new Entitled(users, groups);
        }
        var definition = ((TaskEntity) task).getTaskDefinition();
        var execution = task.getExecution();
        if (definition == null || execution == null) {
            return new Entitled(users, groups);
        }
        if (definition.getAssigneeExpression() != null) {
            users.addAll(values(definition.getAssigneeExpression(), execution));
        }
        definition.getCandidateUserIdExpressions().forEach(e -> users.addAll(values(e, execution)));
        definition.getCandidateGroupIdExpressions().forEach(e -> groups.addAll(values(e, execution)));
        return new Entitled(users, groups);
    }

    // an active substitute of someone entitled, or the substitute the task was routed to when it was offered or assigned
    private boolean isSubstituteFor(DelegateTask task, String userId, Entitled entitled) {
        Integer routed = jdbc.queryForObject("select count(*) from cg_substitution where task_id = ? and substitute_id = ?",
                Integer.class, task.getId(), userId);
        if (routed != null && routed > 0) {
            return true;
        }
        LocalDateTime now = LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
        List<String> absent = jdbc.queryForList("select user_id from cg_substitute where substitute_id = ? and starts_at <= ? and ends_at > ?",
                String.class, userId, now, now);
        return absent.stream().anyMatch(a -> entitled.users().contains(a) || groupsOf(a).stream().anyMatch(entitled.groups()::contains));
    }

    private boolean isApproval(DelegateTask task) {
        return tasks.getObject().isApproval(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
    }

    private List<String> groupsOf(String userId) {
        return Unrestricted.lookup(() -> identityService.getObject().createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList());
    }

    private static boolean isOperator() {
        var authentication = Context.getCommandContext().getAuthentication();
        return authentication != null && authentication.getGroupIds() != null && authentication.getGroupIds().contains(OPERATOR);
    }

    private static String actor() {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }

    private static List<String> values(Expression expression, org.camunda.bpm.engine.delegate.VariableScope scope) {
        Object value = Unrestricted.lookup(() -> expression.getValue(scope));
        List<String> values = new ArrayList<>();
        if (value instanceof String s) {
            for (String part : s.split("\\s*,\\s*")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }

    private static String describe(Entitled entitled) {
        List<String> parts = new ArrayList<>();
        if (!entitled.users().isEmpty()) {
            parts.add("users " + entitled.users());
        }
        if (!entitled.groups().isEmpty()) {
            parts.add("groups " + entitled.groups());
        }
        return parts.isEmpty() ? "nobody by name" : String.join(" and ", parts);
    }
}
