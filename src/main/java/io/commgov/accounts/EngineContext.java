package io.commgov.accounts;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Lookups the process itself needs (who heads a department, the permission template) run inside the command of
 * whoever is acting; they are the process's own reads, so the actor's authorizations must not filter them.
 */
final class EngineContext {

    private EngineContext() {
    }

    static <T> T withoutAuthorization(Supplier<T> lookup) {
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            return lookup.get();
        }
        Callable<T> callable = lookup::get;
        return commandContext.runWithoutAuthorization(callable);
    }

    /** The user the current engine command runs for, if any. */
    static String actor() {
        CommandContext commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }
}
