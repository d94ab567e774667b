package io.commgov.audit;

/**
 * The answer of {@code GET /api/audit/verify}: whether the chain is intact, how much was checked and, if not, the
 * first bad entry by its position in the chain (1 = the first entry ever recorded).
 */
public record AuditVerification(boolean intact, long entriesChecked, long checkpointsChecked, long archivedSegments,
                                long archivedEntries, long lastPosition, BadEntry firstBad) {

    /** Where the chain breaks and why. */
    public record BadEntry(long position, String problem, String message) {
    }
}
