package io.commgov.accounts;

import io.commgov.validation.ProtectedVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completion of an approval: who decided is kept, so the account records who approved it. */
@Component
class RecordApproverTaskListener implements TaskListener {

    static final String APPROVERS = "approvers";

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable("approved"))) {
            return;
        }
        String actor = EngineContext.actor() != null ? EngineContext.actor() : task.getAssignee();
        String before = (String) task.getVariable(APPROVERS);
        String entry = task.getTaskDefinitionKey().replace("Task_", "") + ":" + actor;
        // approvers is read-only for everyone else: the record of who approved (ProtectedVariables)
        ProtectedVariables.writtenByCommGov(() -> task.setVariable(APPROVERS, before == null ? entry : before + "," + entry));
    }
}
