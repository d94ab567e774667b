package io.commgov.validation;

import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * Refuses any write of a {@link ProtectedVariables protected variable}, inside the engine command, whatever route led to
 * it (complete, submit-form, resolve, task/execution/process variables, instance modification, message, signal, a
 * model's expression): every create, update and delete of a persisted variable passes through the engine's history
 * events, and an exception here rolls the whole command back. Allowed are only:
 * <ul>
 * <li>CommGov's own writers ({@link ProtectedVariables#writtenByCommGov});</li>
 * <li>engine work with no authenticated user that is neither a model's expression or script nor a batch job (CommGov's
 * own code, its delegates and listeners in the job executor, the tests' direct service calls): no HTTP route reaches
 * the engine without an authenticated user, and a batch runs what its creator asked for;</li>
 * <li>the variables of a process instance, or task, created in this very command (the start and its start
 * variables, which the start contract checks), {@code initiator} only as the authenticated user; and a
 * multi-instance's element variable on a loop instance being created.</li>
 * </ul>
 */
class ProtectedVariableGuard implements HistoryEventHandler {

    static final String RULE = "read-only";

    @Override
    public void handleEvent(HistoryEvent event) {
        if (!(event instanceof HistoricVariableUpdateEventEntity variable)
                || !ProtectedVariables.NAMES.contains(variable.getVariableName())
                || "migrate".equals(variable.getEventType()) || ProtectedVariables.trusted()) {
            return;
        }
        CommandContext commandContext = Context.getCommandContext();
        String actor = commandContext == null ? null : commandContext.getAuthenticatedUserId();
        boolean system = actor == null && !inBatch(commandContext);
        if (!ProtectedVariables.inModelCode() && (system || actor != null && createdInThisCommand(commandContext, variable, actor))) {
            return;
        }
        String name = variable.getVariableName();
        String verb = "delete".equals(variable.getEventType()) ? "deleted" : "written";
        throw new ContractViolationException(List.of(new Violation(name, RULE, name + " is set by CommGov"
                + (ContractListeners.INITIATOR.equals(name) ? " (the requester, from the start of the request)" : "")
                + " and cannot be " + verb + " through the engine's API, a form or a model's expression"
                + (actor == null ? "" : " (by " + actor + ")") + "; nothing was changed")));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    // a batch job (POST /process-instance/variables-async, /modification/executeAsync, /message/async …) runs with no authenticated user,
    // but on the instructions of the person who created the batch: never the engine's own work
    private static boolean inBatch(CommandContext commandContext) {
        var job = commandContext == null ? null : commandContext.getCurrentJob();
        return job != null && commandContext.getProcessEngineConfiguration().getBatchHandlers().containsKey(job.getJobHandlerType());
    }

    // the start of a request (its own variables) or a task being created: not a change to something that already was
    private static boolean createdInThisCommand(CommandContext commandContext, HistoricVariableUpdateEventEntity variable, String actor) {
        if ("delete".equals(variable.getEventType())) {
            return false;
        }
        var cache = commandContext.getDbEntityManager().getDbEntityCache();
        if (variable.getTaskId() != null) {
            return isNew(cache, cache.get(TaskEntity.class, variable.getTaskId()));
        }
        if (variable.getProcessInstanceId() != null && variable.getExecutionId() != null
                && !variable.getProcessInstanceId().equals(variable.getExecutionId())) {
            ExecutionEntity execution = cache.get(ExecutionEntity.class, variable.getExecutionId());
            return isNew(cache, execution) && isLoopVariable(execution, variable.getVariableName());
        }
        if (variable.getProcessInstanceId() == null
                || !isNew(cache, cache.get(ExecutionEntity.class, variable.getProcessInstanceId()))) {
            return false;
        }
        return !ContractListeners.INITIATOR.equals(variable.getVariableName()) || actor.equals(variable.getTextValue());
    }

    // a multi-instance's element variable on an instance of the loop the engine is creating (e.g. vendor-selection's
    // department of each Task_CollectRequirements): local to that instance, not the request's variable
    private static boolean isLoopVariable(ExecutionEntity execution, String name) {
        return execution.getProcessDefinition() != null && loopsOver(execution.getProcessDefinition().getActivities(), name);
    }

    private static boolean loopsOver(List<ActivityImpl> activities, String name) {
        for (ActivityImpl activity : activities) {
            if (activity.getActivityBehavior() instanceof MultiInstanceActivityBehavior loop && name.equals(loop.getCollectionElementVariable())
                    || loopsOver(activity.getActivities(), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNew(org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache cache, DbEntity entity) {
        return entity != null && cache.isTransient(entity);
    }
}
