package io.commgov.validation;

import java.util.List;

/**
 * The completion variables of a kind of user task, named in the model by the extension property
 * {@code contract} (for example {@code approval}), so process owners attach it in Modeler.
 */
public interface TaskContract {

    String name();

    void check(Fields fields, TaskContext task);

    /** Variables a step must decide afresh: removed when the task is created, so an earlier step's value can't pass for this one. */
    default List<String> decisionFields() {
        return List.of();
    }

    /** What a contract may know of the task being completed. */
    record TaskContext(String processInstanceId, String taskDefinitionKey, String actor, String initiator) {
    }
}
