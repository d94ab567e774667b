package io.commgov.modelchanges;

import java.util.List;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/**
 * The approval of a model change (R-SOD), checked by the engine at completion: a decision, a reason for a rejection,
 * by another process owner or a security officer (never the deployer, as CommGov recorded them at deployment), on the
 * change summary as it was written at deployment.
 */
@Component
class ModelChangeApprovalContract implements TaskContract {

    static final String NAME = "model-change-approval";

    private final ModelChanges changes;
    private final Refusals refusals;

    ModelChangeApprovalContract(ModelChanges changes, Refusals refusals) {
        this.changes = changes;
        this.refusals = refusals;
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
        fields.decision("the model change");
        String actor = task.actor();
        var change = changes.byProcessInstance(task.processInstanceId()).orElse(null);
        if (change == null) {
            fields.reject("approved", "model-change-unknown", "this task belongs to no recorded deployment; nothing can be approved");
            return;
        }
        if (actor == null) {
            fields.reject("approved", "approver-unknown", "a model change must be decided by an authenticated user");
        } else if (actor.equals(change.deployedBy())) {
            refusals.record(actor, "completion", task.processInstanceId(), change.deploymentId());
            fields.reject("approved", "four-eyes", "the deployer " + actor + " may not approve their own model change;"
                    + " another process owner or a security officer must decide (R-SOD)");
        } else if (!changes.mayApprove(actor)) {
            fields.reject("approved", "not-an-approver", actor + " is neither a process owner nor a security officer");
        }
        if (!ModelChanges.sm3((String) fields.raw(ModelChanges.CHANGES)).equals(change.changesSm3())) {
            fields.reject(ModelChanges.CHANGES, "changed-after-deployment", "the change summary is not the one written at deployment;"
                    + " the decision would be about something else");
        }
    }
}
