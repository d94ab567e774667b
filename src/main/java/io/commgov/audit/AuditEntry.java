package io.commgov.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.commgov.crypto.Sm3;

/** One link of the chain: the event, its position and time, the previous link's hash and its own. */
public record AuditEntry(long seq, Instant occurredAt, String actor, String eventType, String objectType, String objectId,
                         Outcome outcome, String details, String prevHash, String hash) {

    static final String GENESIS = "0".repeat(64);

    /** The SM3 hash covering every field and the previous hash; each field is length-prefixed so none can bleed into another. */
    static String hashOf(long seq, long occurredAtMillis, String actor, String eventType, String objectType, String objectId,
                         String outcome, String details, String prevHash) {
        var sb = new StringBuilder(256).append("commgov-audit-v1");
        for (String field : new String[] {Long.toString(seq), Long.toString(occurredAtMillis), actor, eventType, objectType,
                objectId, outcome, details, prevHash}) {
            sb.append('|').append(field == null ? "-" : field.length() + ":" + field);
        }
        return Sm3.hashHex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    String recomputedHash() {
        return hashOf(seq, occurredAt.toEpochMilli(), actor, eventType, objectType, objectId, outcome == null ? "?" : outcome.name(), details, prevHash);
    }
}
