package io.commgov.modelchanges;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** {@code Task_DiscardModelChange}: the rejected deployment (the instance's business key) is deleted with all it holds. */
@Component
class DiscardModelChangeDelegate implements JavaDelegate {

    private final ModelChanges changes;

    DiscardModelChangeDelegate(ModelChanges changes) {
        this.changes = changes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        changes.discard(execution.getProcessBusinessKey(), Context.getCommandContext().getAuthenticatedUserId(),
                (String) execution.getVariable("comment"));
    }
}
