package io.commgov.announcements;

/** A word list of the content screen changed (who, added or removed, which word): for the audit trail (R-LOG). */
public record ScreenWordChanged(String actor, String action, String category, String word, String wordId) {
}
