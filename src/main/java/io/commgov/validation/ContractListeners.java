package io.commgov.validation;

import java.util.HashMap;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;

/** The engine-side checks: run inside the engine command, so a violation rolls the start or completion back. */
final class ContractListeners {

    static final String INITIATOR = "initiator";
    static final int MAX_BUSINESS_KEY = 255;

    private ContractListeners() {
    }

    /** On process start: the start contract, a business key that fits, and nobody may pass a forged initiator. */
    static ExecutionListener onStart(ContractRegistry registry, String processKey) {
        return (DelegateExecution execution) -> {
            var fields = new Fields(new HashMap<>(execution.getVariables()));
            String actor = actor();
            Object initiator = fields.raw(INITIATOR);
            if (initiator != null && actor != null && !initiator.equals(actor)) {
                fields.reject(INITIATOR, "reserved", "initiator is set by the engine to the authenticated user and cannot be given");
            }
            String businessKey = execution.getProcessBusinessKey();
            if (businessKey != null && businessKey.length() > MAX_BUSINESS_KEY) {
                // the engine's column holds 255 characters; longer would fail in the database as a 500
                fields.reject("businessKey", "max-length", "businessKey must be at most " + MAX_BUSINESS_KEY
                        + " characters (got " + businessKey.length() + ")");
            }
            registry.startContract(processKey).ifPresent(contract -> {
                contract.check(fields);
                fields.rejectUndeclared(Set.of(INITIATOR));
            });
            throwIfAny(fields.violations());
        };
    }

    /** On task creation: clear the decision variables, so each step decides afresh. */
    static TaskListener onCreate(ContractRegistry registry, String contractName) {
        return (DelegateTask task) -> registry.taskContract(contractName)
                .ifPresent(contract -> contract.decisionFields().forEach(task.getExecution()::removeVariable));
    }

    /** On assignment: the requester may not hold their own approval. */
    static TaskListener onAssignment(ContractRegistry registry, String contractName) {
        return (DelegateTask task) -> {
            if (contractName.equals(ApprovalContract.NAME)
                    && FourEyes.isRequester(task.getAssignee(), Requester.of(task))) {
                throw new ContractViolationException(List.of(new Violation("assignee", "four-eyes",
                        "the requester " + task.getAssignee() + " may not be assigned their own approval")));
            }
        };
    }

    /** On completion: the task's contract over the variables it is completed with. */
    static TaskListener onComplete(ContractRegistry registry, String contractName) {
        return (DelegateTask task) -> {
            TaskContract contract = registry.taskContract(contractName).orElseThrow(() -> new IllegalStateException(
                    "Task " + task.getTaskDefinitionKey() + " names contract '" + contractName + "', which does not exist"));
            var fields = new Fields(new HashMap<>(task.getVariables()));
            String actor = actor() != null ? actor() : task.getAssignee();
            contract.check(fields, new TaskContract.TaskContext(task.getProcessInstanceId(), task.getTaskDefinitionKey(),
                    actor, Requester.of(task)));
            throwIfAny(fields.violations());
        };
    }

    private static String actor() {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ContractViolationException(violations);
        }
    }
}
