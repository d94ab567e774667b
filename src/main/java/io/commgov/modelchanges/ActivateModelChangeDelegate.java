package io.commgov.modelchanges;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** {@code Task_ActivateModelChange}: the approved deployment (the instance's business key) goes live. */
@Component
class ActivateModelChangeDelegate implements JavaDelegate {

    private final ModelChanges changes;

    ActivateModelChangeDelegate(ModelChanges changes) {
        this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        changes.activate(execution.getProcessBusinessKey(), Context.getCommandContext().getAuthenticatedUserId());
    }
}
