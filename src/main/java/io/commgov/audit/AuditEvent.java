package io.commgov.audit;

/**
 * What is to be recorded: who did what on which object, and with what outcome. {@code details} never holds
 * sensitive values (names of variables, not their values).
 */
public record AuditEvent(String actor, String eventType, String objectType, String objectId, Outcome outcome, String details) {

    static final int MAX_DETAILS = 2000;

    public AuditEvent {
        if (eventType == null || eventType.isBlank()) {
            throw new IllegalArgumentException("eventType is required");
        }
        outcome = outcome == null ? Outcome.SUCCESS : outcome;
        actor = cut(actor, 128);
        objectType = cut(objectType, 64);
        objectId = cut(objectId, 255);
        details = cut(details, MAX_DETAILS);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
