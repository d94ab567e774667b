package io.commgov.approvals;

import java.util.List;
import java.util.function.Supplier;

import io.commgov.identity.Unrestricted;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the operations share: which tasks are approvals, who may hold a task, and acting as the engine itself. */
@Component
class ApprovalTasks {

    static final String INITIATOR = "initiator";
    static final String CONTRACT = "contract";
    static final String APPROVAL = "approval";

    private final RepositoryService repositoryService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final HistoryService historyService;
    private final JdbcTemplate jdbc;

    ApprovalTasks(RepositoryService repositoryService, TaskService taskService, IdentityService identityService,
                  HistoryService historyService, JdbcTemplate jdbc) {
        this.historyService = historyService;
        this.jdbc = jdbc;
        this.repositoryService = repositoryService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    /** An approval is a user task of the model with {@code <camunda:property name="contract" value="approval"/>}. */
    boolean isApproval(String processDefinitionId, String taskDefinitionKey) {
        if (processDefinitionId == null || taskDefinitionKey == null) {
            return false;
        }
        var element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(taskDefinitionKey);
        if (!(element instanceof UserTask task) || task.getExtensionElements() == null) {
            return false;
        }
        for (CamundaProperties properties : task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (CONTRACT.equals(property.getCamundaName()) && APPROVAL.equals(property.getCamundaValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    Task requireOpenTask(String taskId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            var ended = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (ended != null) {
                throw new OperationRefused(409, "task " + taskId + " is already finished (" + ended.getDeleteReason() + ")");
            }
            throw new OperationRefused(404, "no open task " + taskId);
        }
        return task;
    }

    /**
     * Two operations on one request queue up behind each other (a row lock on its process instance, held until the
     * transaction ends), so the second sees what the first did and is refused with a reason instead of racing it.
     */
    void lockRequest(String processInstanceId) {
        if (processInstanceId != null) {
            jdbc.queryForList("select ID_ from ACT_RU_EXECUTION where ID_ = ? for update", processInstanceId);
        }
    }

    /** An open task, read again after its request is locked. */
    Task requireOpenTaskLocked(String taskId) {
        Task task = requireOpenTask(taskId);
        String processInstanceId = task.getProcessInstanceId();
        if (processInstanceId == null && task.getParentTaskId() != null) {
            processInstanceId = requireOpenTask(task.getParentTaskId()).getProcessInstanceId();
        }
        lockRequest(processInstanceId);
        return requireOpenTask(taskId);
    }

    boolean isCandidate(Task task, String user, List<String> groups) {
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

    List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    void requireExistingUser(String field, String userId) {
        if (userId == null || userId.isBlank()) {
            throw invalid(field, "required", field + " is required");
        }
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            throw invalid(field, "unknown-user", "there is no user " + userId);
        }
    }

    // permission is decided by the operation from the request itself; the engine acts as itself for the change
    <T> T asEngine(Supplier<T> work) {
        return Unrestricted.asEngine(identityService, work);
    }

    static ContractViolationException invalid(String field, String rule, String message) {
        return new ContractViolationException(List.of(new Violation(field, rule, message)));
    }
}
