package io.commgov.exports;

import io.commgov.identity.Unrestricted;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.commgov.identity.Departments;
import io.commgov.identity.Role;
import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * The two approvals of a data export (R-EXP, R-SOD), checked by the engine at completion: a decision and a reason
 * for a rejection as for every approval; neither approver is the requester; each step is decided by someone entitled
 * to it (a head of the owner department; a security officer); and the two approvers are different people.
 */
@Component
class ExportApprovalContract implements TaskContract {

    static final String NAME = "export-approval";
    static final String OWNER_HEAD_STEP = "Task_ApproveByOwnerHead";
    static final String SECURITY_STEP = "Task_ApproveBySecurity";
    private static final Map<String, String> OTHER_STEP = Map.of(OWNER_HEAD_STEP, SECURITY_STEP, SECURITY_STEP, OWNER_HEAD_STEP);

    private final Departments departments;
    private final IdentityService identityService;
    private final HistoryService historyService;

    ExportApprovalContract(Departments departments, IdentityService identityService, HistoryService historyService) {
        this.departments = departments;
        this.identityService = identityService;
        this.historyService = historyService;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> decisionFields() {
        return List.of("approved", "comment");
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        fields.decision("the export");
        String actor = task.actor();
        if (actor == null) {
            fields.reject("approved", "approver-unknown", "an export approval must be given by an authenticated user");
            return;
        }
        if (actor.equals(task.initiator())) {
            fields.reject("approved", "four-eyes", "the requester " + actor + " may not approve their own export request");
            return;
        }
        if (OWNER_HEAD_STEP.equals(task.taskDefinitionKey())) {
            String owner = (String) fields.raw("ownerDepartment");
            if (!departments.headsOf(owner).contains(actor)) {
                fields.reject("approved", "not-an-approver", actor + " is not a head of the owner department " + owner);
            }
        } else if (SECURITY_STEP.equals(task.taskDefinitionKey())
                && Unrestricted.lookup(() -> identityService.createUserQuery().userId(actor).memberOfGroup(Role.SECURITY.groupId()).count()) == 0) {
            fields.reject("approved", "not-an-approver", actor + " is not a security officer");
        }
        String other = OTHER_STEP.get(task.taskDefinitionKey());
        if (other != null) {
            Unrestricted.lookup(() -> approverOf(task.processInstanceId(), other)).filter(actor::equals).ifPresent(same -> fields.reject("approved",
                    "distinct-approvers", same + " already gave the other approval of this export; a second person must decide"));
        }
    }

    /** Who completed a step: the engine's record of the completion, which completion variables cannot change. */
    private Optional<String> approverOf(String processInstanceId, String taskDefinitionKey) {
        for (var task : historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(taskDefinitionKey).finished().list()) {
            var completion = historyService.createUserOperationLogQuery().taskId(task.getId())
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list();
            Optional<String> by = completion.stream().map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst();
            if (by.isPresent()) {
                return by;
            }
            if (task.getAssignee() != null) {
                return Optional.of(task.getAssignee());
            }
        }
        return Optional.empty();
    }
}
