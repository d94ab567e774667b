package io.commgov.tasklist;

import java.util.Comparator;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

import io.commgov.identity.Departments;

/**
 * What Tasklist shows of a request: {@code department} (the requester's) and {@code summary} (from the model's
 * {@code tasklist.summary} expression) as process variables; and, where the model opts in with
 * {@code tasklist.requester-view}, on every open task a link that lets the requester find and read it in the filter
 * 我发起的 without being able to claim or complete it, and read access to the request's variables for the people on it.
 */
final class RequestDetails {

    static final String INITIATOR = "initiator";
    static final String DEPARTMENT = "department";
    static final String SUMMARY = "summary";
    /** Identity-link type and user-id prefix of the requester's link; no user id can contain ':'. */
    static final String REQUESTER_LINK = "requester";
    static final int SUMMARY_LENGTH = 40;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\\p{Cc}\\p{Z}]+");
    private static final java.util.regex.Pattern INVISIBLE = java.util.regex.Pattern.compile("[\\p{Cf}&&[^\\u200D]]");

    private RequestDetails() {
    }

    static String requesterMarker(String userId) {
        return REQUESTER_LINK + ":" + userId;
    }

    /** At the end of the process's start event: after the start contract has checked what the requester sent. */
    static ExecutionListener onStarted(String summaryExpression, String processName) {
        return (DelegateExecution execution) -> {
            String initiator = (String) execution.getVariable(INITIATOR);
            if (execution.getVariable(DEPARTMENT) == null) {
                execution.setVariable(DEPARTMENT, departmentOf(initiator));
            }
            Object given = execution.getVariable(SUMMARY);
            String summary = shorten(given == null ? summaryOf(execution, summaryExpression, processName) : given.toString());
            if (given == null || !summary.equals(given.toString())) {
                execution.setVariable(SUMMARY, summary);
            }
        };
    }

    /** On every user task: the requester may read it and finds it through the marker link. */
    static TaskListener onTaskCreated() {
        return (DelegateTask task) -> {
            Object initiator = task.getVariable(INITIATOR);
            if (!(initiator instanceof String requester) || requester.isBlank() || !requesterView(task)) {
                return;
            }
            TaskEntity entity = (TaskEntity) task;
            IdentityLinkEntity link = IdentityLinkEntity.newIdentityLink();
            link.setTask(entity);
            link.setUserId(requesterMarker(requester));
            link.setType(REQUESTER_LINK);
            link.setTenantId(entity.getTenantId());
            link.insert();
            CommandContext commandContext = Context.getCommandContext();
            grantRead(commandContext, requester, null, Resources.TASK, task.getId());
            // the list shows the request's variables to whoever may see the request: requester, assignee, candidate groups
            grantRead(commandContext, requester, null, Resources.PROCESS_INSTANCE, task.getProcessInstanceId());
            if (task.getAssignee() != null) {
                grantRead(commandContext, task.getAssignee(), null, Resources.PROCESS_INSTANCE, task.getProcessInstanceId());
            }
            task.getCandidates().stream().filter(c -> c.getGroupId() != null).forEach(candidate ->
                    grantRead(commandContext, null, candidate.getGroupId(), Resources.PROCESS_INSTANCE, task.getProcessInstanceId()));
        };
    }

    /** Only processes whose model says {@code tasklist.requester-view = true} let the requester follow their tasks. */
    private static boolean requesterView(DelegateTask task) {
        var execution = (org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) task.getExecution();
        return execution != null && Boolean.TRUE.equals(
                execution.getProcessDefinition().getProperty(RequestDetailsParseListener.REQUESTER_VIEW_PROPERTY));
    }

    private static void grantRead(CommandContext commandContext, String userId, String groupId, Resources resource, String resourceId) {
        if (!commandContext.getProcessEngineConfiguration().isAuthorizationEnabled()) {
            return;
        }
        // the engine may already have granted this user something on the task in this command (e.g. as assignee)
        AuthorizationEntity existing = commandContext.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class)
                .stream()
                .filter(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
                        && java.util.Objects.equals(userId, a.getUserId()) && java.util.Objects.equals(groupId, a.getGroupId())
                        && a.getResourceType() == resource.resourceType() && resourceId.equals(a.getResourceId()))
                .findFirst()
                .orElseGet(() -> userId != null
                        ? commandContext.getAuthorizationManager().findAuthorizationByUserIdAndResourceId(Authorization.AUTH_TYPE_GRANT, userId, resource, resourceId)
                        : commandContext.getAuthorizationManager().findAuthorizationByGroupIdAndResourceId(Authorization.AUTH_TYPE_GRANT, groupId, resource, resourceId));
        if (existing != null) {
            if (!existing.isPermissionGranted(Permissions.READ)) {
                existing.addPermission(Permissions.READ);
                commandContext.getAuthorizationManager().update(existing);
            }
            return;
        }
        var authorization = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(userId);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(Permissions.READ);
        commandContext.getAuthorizationManager().insert(authorization);
    }

    /** The Chinese name of the requester's department group ("市场部 Marketing" → "市场部"), or "—". */
    static String departmentOf(String userId) {
        if (userId == null) {
            return "—";
        }
        CommandContext commandContext = Context.getCommandContext();
        var identity = commandContext.getProcessEngineConfiguration().getIdentityService();
        return commandContext.runWithoutAuthorization(() -> identity.createGroupQuery()
                .groupMember(userId).groupType(Departments.GROUP_TYPE).list().stream()
                .min(Comparator.comparing(Group::getId))
                .map(Departments::chineseName)
                .orElse("—"));
    }

    private static String summaryOf(DelegateExecution execution, String expression, String processName) {
        if (expression == null || expression.isBlank()) {
            return processName;
        }
        Object value = Context.getProcessEngineConfiguration().getExpressionManager().createExpression(expression)
                .getValue(execution);
        return value == null || value.toString().isBlank() ? processName : value.toString().strip();
    }

    /**
     * One line of text for a task name (which Tasklist, mails and the IM robots show as they are): every run of white
     * space, line or paragraph separators and control characters is one space, direction overrides and other invisible
     * format characters go, and it is cut to {@value #SUMMARY_LENGTH} characters.
     */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = INVISIBLE.matcher(SPACES.matcher(text).replaceAll(" ")).replaceAll("").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= SUMMARY_LENGTH ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, SUMMARY_LENGTH - 1)) + "…";
    }
}
