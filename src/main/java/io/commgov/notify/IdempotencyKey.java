package io.commgov.notify;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.camunda.bpm.engine.impl.context.Context;

/**
 * The key a notification carries so that a receiver can drop a duplicate. A process step that is run again after a
 * crash (a timer job retried after its lock expired, a task completion repeated) sends the same notification with the
 * same key: it is derived from the step (the job, else the activity instance), the channel, the recipient and the
 * subject. A notification sent outside a process step (a reminder someone asked for) gets a key of its own.
 */
final class IdempotencyKey {

    private IdempotencyKey() {
    }

    static String of(Delivery.Kind kind, String target, String subject) {
        String step = step();
        if (step == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(String.join("\n", step, kind.name(), String.valueOf(target), String.valueOf(subject))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The process step being run on this thread, or null outside one. */
    private static String step() {
        var execution = Context.getBpmnExecutionContext() == null ? null : Context.getBpmnExecutionContext().getExecution();
        var command = Context.getCommandContext();
        var job = command == null ? null : command.getCurrentJob();
        if (job != null) {
            return "job " + job.getId() + " " + (execution == null ? "" : execution.getActivityId());
        }
        if (execution != null && execution.getActivityInstanceId() != null) {
            return "activity " + execution.getProcessInstanceId() + " " + execution.getActivityInstanceId();
        }
        return null;
    }
}
