package io.commgov.vault;

/**
 * Someone asks to read records in clear: who, why, about which object (e.g. {@code client}, its id), and whether the
 * owner of the records' rules allowed it. Every opening is audited, allowed or not.
 */
public record Opening(String userId, String reason, boolean allowed, String objectType, String objectId) {

    public Opening {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("an opening names the user");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an opening gives a reason");
        }
    }
}
