package io.commgov.validation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Who asked, for four-eyes: the user who started the request's root process instance, as the engine recorded it
 * (its start user), never a variable a task holder could shadow with a task-local or transient one. A request started
 * by the engine itself (a timer, CommGov's own code, a test) has no start user: then the {@code initiator} of the root
 * instance's own scope, which only the start and CommGov's code can write ({@link ProtectedVariableGuard}).
 */
public final class Requester {

    private Requester() {
    }

    public static String of(DelegateTask task) {
        return task.getExecution() == null ? null : of(task.getExecution());
    }

    public static String of(DelegateExecution execution) {
        String rootId = execution.getProcessInstance() instanceof ExecutionEntity instance && instance.getRootProcessInstanceId() != null
                ? instance.getRootProcessInstanceId() : execution.getProcessInstanceId();
        var commandContext = Context.getCommandContext();
        if (commandContext != null) {
            // started in this command: the history event is still only in the command's cache
            var started = commandContext.getDbEntityManager().getCachedEntity(HistoricProcessInstanceEventEntity.class, rootId);
            String startUser = started != null && started.getStartUserId() != null ? started.getStartUserId()
                    : commandContext.runWithoutAuthorization(() -> {
                var historic = commandContext.getHistoricProcessInstanceManager().findHistoricProcessInstance(rootId);
                return historic == null ? null : historic.getStartUserId();
            });
            if (startUser != null) {
                return startUser;
            }
            ExecutionEntity root = commandContext.getExecutionManager().findExecutionById(rootId);
            if (root != null) {
                return root.getVariableLocal(ContractListeners.INITIATOR) instanceof String s ? s : null;
            }
        }
        return execution.getProcessInstance().getVariableLocal(ContractListeners.INITIATOR) instanceof String s ? s : null;
    }
}
