package io.commgov.accounts;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.commgov.support.Acting;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/** Acting as a demo user against the engine API, with that user's groups, so authorizations and four-eyes apply. */
final class AccountTestSupport {

    private final IdentityService identityService;
    private final TaskService taskService;

    AccountTestSupport(IdentityService identityService, TaskService taskService) {
        this.identityService = identityService;
        this.taskService = taskService;
    }

    <T> T as(String user, Supplier<T> action) {
        return Acting.as(identityService, user, action);
    }

    void run(String user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }

    Task task(String processInstanceId, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
    }

    void decide(String user, String processInstanceId, String taskKey, boolean approved, String comment) {
        Task task = task(processInstanceId, taskKey);
        if (task == null) {
            throw new AssertionError("no task " + taskKey + " in " + processInstanceId);
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("approved", approved);
        if (comment != null) {
            variables.put("comment", comment);
        }
        run(user, () -> taskService.complete(task.getId(), variables));
    }

    void approve(String user, String processInstanceId, String taskKey) {
        decide(user, processInstanceId, taskKey, true, null);
    }

    static String newEmployeeId() {
        return io.commgov.support.EmployeeIds.newEmployeeId();
    }
}
