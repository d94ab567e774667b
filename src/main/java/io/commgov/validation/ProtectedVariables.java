package io.commgov.validation;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The variables CommGov derives or relies on: who asked, what Tasklist shows of the request, by when, and who decided.
 * Nobody writes them through the engine's API, whatever the route (R-ACC-4, R-SOD); only CommGov's own code does,
 * inside {@link #writtenByCommGov}, and the engine itself when it starts an instance (see {@link ProtectedVariableGuard}).
 */
public final class ProtectedVariables {

    /**
     * {@code initiator} (the requester, set by the engine at start), {@code summary} and {@code department}
     * (tasklist.RequestDetails, accounts.RecordChangeRequestDelegate), {@code slaDueAt} (sla.Sla), and the decision
     * records {@code decidedBy} (announcements.ReviewDecisionTaskListener), {@code approvers}
     * (accounts.RecordApproverTaskListener) and {@code revokedBy} (clients.ClientsController).
     */
    public static final Set<String> NAMES = Set.of("initiator", "summary", "department", "slaDueAt", "decidedBy",
            "approvers", "revokedBy");

    private static final ThreadLocal<Integer> TRUSTED = ThreadLocal.withInitial(() -> 0);
    private static final ThreadLocal<Integer> MODEL_CODE = ThreadLocal.withInitial(() -> 0);

    private ProtectedVariables() {
    }

    /** Runs one of CommGov's few writers of a protected variable (a listener or delegate of ours, never a model's expression). */
    public static void writtenByCommGov(Runnable write) {
        writtenByCommGov(() -> {
            write.run();
            return null;
        });
    }

    public static <T> T writtenByCommGov(Supplier<T> write) {
        TRUSTED.set(TRUSTED.get() + 1);
        try {
            return write.get();
        } finally {
            TRUSTED.set(TRUSTED.get() - 1);
        }
    }

    static boolean trusted() {
        return TRUSTED.get() > 0;
    }

    /** While a model's expression or script runs ({@link ModelCodeInterceptor}): no trust from the caller's absence. */
    static void enterModelCode() {
        MODEL_CODE.set(MODEL_CODE.get() + 1);
    }

    static void leaveModelCode() {
        MODEL_CODE.set(MODEL_CODE.get() - 1);
    }

    static boolean inModelCode() {
        return MODEL_CODE.get() > 0;
    }
}
