package io.commgov.modelchanges;

import java.util.List;

import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The approval of a model change is held only by someone who may decide it: never its deployer (claim, assignee, delegate). */
@Component
class ModelChangeAssigneeListener implements TaskListener {

    private final ModelChanges changes;
    private final Refusals refusals;

    ModelChangeAssigneeListener(ModelChanges changes, Refusals refusals) {
        this.changes = changes;
        this.refusals = refusals;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        var change = changes.byProcessInstance(task.getProcessInstanceId()).orElse(null);
        if (change != null && assignee.equals(change.deployedBy())) {
            refusals.record(assignee, "assignment", task.getProcessInstanceId(), change.deploymentId());
            throw new ContractViolationException(List.of(new Violation("assignee", "four-eyes", "the deployer " + assignee
                    + " may not hold the approval of their own model change; another process owner or a security officer decides (R-SOD)")));
        }
        if (!changes.mayApprove(assignee)) {
            throw new ContractViolationException(List.of(new Violation("assignee", "not-an-approver",
                    assignee + " is neither a process owner nor a security officer and may not hold a model change approval")));
        }
    }
}
