package io.commgov.identity;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Lookups the engine makes on the process's behalf (does this department exist, who heads it, who gave the other
 * approval) must not depend on what the acting user may read: inside an engine command they run without the caller's
 * authorization checks. The caller's own permissions are checked by the contract or controller that asks.
 */
public final class Unrestricted {

    private Unrestricted() {
    }

    public static <T> T lookup(Supplier<T> lookup) {
        var commandContext = Context.getCommandContext();
        if (commandContext == null || !commandContext.isAuthorizationCheckEnabled()) {
            return lookup.get();
        }
        commandContext.disableAuthorizationCheck();
        try {
            return lookup.get();
        } finally {
            commandContext.enableAuthorizationCheck();
        }
    }

    /**
     * Work done on a request's behalf, whoever is logged in: inside an engine command its authorization check is switched
     * off; outside one the work runs as the engine (no authenticated user) and the caller's authentication is restored.
     */
    public static <T> T asEngine(IdentityService identityService, Supplier<T> work) {
        if (Context.getCommandContext() != null) {
            return lookup(work);
        }
        var authentication = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (authentication != null) {
                identityService.setAuthentication(authentication);
            }
        }
    }
}
