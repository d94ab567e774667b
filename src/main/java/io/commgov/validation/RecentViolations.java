package io.commgov.validation;

import java.util.List;

/**
 * Carries the violations of the engine call made by this request thread to {@link ViolationResponseFilter}, because
 * Camunda's REST layer wraps engine exceptions into its own before any mapper of ours could see them.
 */
final class RecentViolations {

    private static final ThreadLocal<List<Violation>> CURRENT = new ThreadLocal<>();

    private RecentViolations() {
    }

    static void remember(List<Violation> violations) {
        CURRENT.set(violations);
    }

    static List<Violation> take() {
        List<Violation> violations = CURRENT.get();
        CURRENT.remove();
        return violations;
    }

    static void clear() {
        CURRENT.remove();
    }
}
