package io.commgov.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditVerification.BadEntry;
import io.commgov.crypto.Sm2Signer;
import io.commgov.crypto.Sm3;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention (R-LOG, R-RET): entries stay in the table at least the retention minimum (6 months). Older entries may
 * leave it only as one signed segment that keeps every entry with its hashes, so the chain still verifies from the
 * first entry ever recorded; there is no way to delete entries without a segment.
 */
@Service
class AuditArchive {

    private final AuditLedger ledger;
    private final Sm2Signer signer;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();

    AuditArchive(AuditLedger ledger, Sm2Signer signer, AuditProperties properties, PlatformTransactionManager transactionManager) {
        this.ledger = ledger;
        this.signer = signer;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One archived entry, every field the hash covers. */
    record ArchivedEntry(long seq, long at, String actor, String type, String objectType, String objectId, String outcome,
                         String details, String prev, String hash) {
    }

    record Segment(long firstSeq, long lastSeq, long count, String contentHash) {
    }

    record SegmentsCheck(long segments, long entries, long lastSeq, String lastHash, BadEntry bad) {
    }

    /**
     * Moves the signed part of the chain recorded before {@code before} into one signed segment; refuses a cut-off
     * inside the retention minimum. Answers the segment, or {@code null} when nothing is old enough.
     */
    Segment archiveBefore(Instant before) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant earliestAllowed = latestCutOff();
        if (before.isAfter(earliestAllowed)) {
            throw new IllegalArgumentException("Audit entries are kept at least " + properties.retentionMinimumDays()
                    + " days (R-LOG): archiving is allowed only before " + earliestAllowed + ", not " + before);
        }
        return transactions.execute(status -> {
            AuditLedger.Head head = ledger.lockHead();
            var jdbc = ledger.jdbc();
            Long firstYoung = jdbc.queryForObject("SELECT MIN(seq) FROM cg_audit_entry WHERE occurred_at >= ?", Long.class, before.toEpochMilli());
            long last = Math.min(firstYoung == null ? head.lastSeq() : firstYoung - 1, head.lastCheckpointSeq());
            SegmentsCheck archived = verifySegments();
            if (archived.bad() != null) {
                throw new IllegalStateException("The archived audit segments do not verify: " + archived.bad().message());
            }
            if (last <= archived.lastSeq()) {
                return null;
            }
            List<AuditEntry> entries = ledger.entries(archived.lastSeq(), last, Integer.MAX_VALUE);
            String prev = archived.lastHash();
            long expected = archived.lastSeq() + 1;
            var lines = new StringBuilder();
            for (AuditEntry e : entries) {
                if (e.seq() != expected || !e.prevHash().equals(prev) || e.outcome() == null || !e.recomputedHash().equals(e.hash())) {
                    throw new IllegalStateException("The audit chain is broken at position " + expected + "; it is not archived");
                }
                lines.append(write(new ArchivedEntry(e.seq(), e.occurredAt().toEpochMilli(), e.actor(), e.eventType(), e.objectType(),
                        e.objectId(), e.outcome().name(), e.details(), e.prevHash(), e.hash()))).append('\n');
                prev = e.hash();
                expected++;
            }
            String content = lines.toString();
            long at = now.toEpochMilli();
            String contentHash = Sm3.hashHex(content);
            String keyId = signer.keyId();
            byte[] signed = signedBytes(archived.lastSeq() + 1, last, archived.lastHash(), prev, entries.size(), at, contentHash, keyId);
            jdbc.update("INSERT INTO cg_audit_archive (first_seq, last_seq, first_prev_hash, last_hash, entry_count, archived_at, content,"
                            + " content_hash, key_id, signature) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    archived.lastSeq() + 1, last, archived.lastHash(), prev, entries.size(), at, content, contentHash, keyId,
                    Base64.getEncoder().encodeToString(signer.sign(signed)));
            jdbc.update("DELETE FROM cg_audit_entry WHERE seq <= ?", last);
            jdbc.update("DELETE FROM cg_audit_checkpoint WHERE seq <= ?", last);
            return new Segment(archived.lastSeq() + 1, last, entries.size(), contentHash);
        });
    }

    /** The youngest cut-off allowed now: entries stay at least the retention minimum (6 months). */
    Instant latestCutOff() {
        return ClockUtil.getCurrentTime().toInstant().minus(Duration.ofDays(properties.retentionMinimumDays()));
    }

    /** Checks every archived segment: its signature, its content and its place in the chain. */
    SegmentsCheck verifySegments() {
        var rows = ledger.jdbc().queryForList("SELECT first_seq, last_seq, first_prev_hash, last_hash, entry_count, archived_at, content,"
                + " content_hash, key_id, signature FROM cg_audit_archive ORDER BY first_seq");
        long lastSeq = 0;
        String lastHash = AuditEntry.GENESIS;
        long entries = 0;
        long segments = 0;
        for (var row : rows) {
            long first = ((Number) row.get("first_seq")).longValue();
            long last = ((Number) row.get("last_seq")).longValue();
            String firstPrev = (String) row.get("first_prev_hash");
            String content = String.valueOf(row.get("content"));
            byte[] signed = signedBytes(first, last, firstPrev, (String) row.get("last_hash"), ((Number) row.get("entry_count")).longValue(),
                    ((Number) row.get("archived_at")).longValue(), (String) row.get("content_hash"), (String) row.get("key_id"));
            if (!signer.verify(signed, decode((String) row.get("signature"))) || !Sm3.hashHex(content).equals(row.get("content_hash"))) {
                return new SegmentsCheck(segments, entries, lastSeq, lastHash, new BadEntry(first, "archive-signature-invalid",
                        "the archived segment of positions " + first + "–" + last + " was changed after it was signed"));
            }
            if (first != lastSeq + 1 || !firstPrev.equals(lastHash)) {
                return new SegmentsCheck(segments, entries, lastSeq, lastHash, new BadEntry(lastSeq + 1, "missing",
                        "archived positions from " + (lastSeq + 1) + " are missing"));
            }
            for (String line : content.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                ArchivedEntry e = read(line);
                String hash = AuditEntry.hashOf(e.seq(), e.at(), e.actor(), e.type(), e.objectType(), e.objectId(), e.outcome(), e.details(), lastHash);
                if (e.seq() != lastSeq + 1 || !hash.equals(e.hash())) {
                    return new SegmentsCheck(segments, entries, lastSeq, lastHash, new BadEntry(lastSeq + 1, "altered",
                            "archived entry at position " + (lastSeq + 1) + " does not verify"));
                }
                lastSeq = e.seq();
                lastHash = e.hash();
                entries++;
            }
            segments++;
        }
        return new SegmentsCheck(segments, entries, lastSeq, lastHash, null);
    }

    private static byte[] signedBytes(long first, long last, String firstPrev, String lastHash, long count, long at, String contentHash, String keyId) {
        return String.join("|", "commgov-audit-segment", Long.toString(first), Long.toString(last), firstPrev, lastHash,
                Long.toString(count), Long.toString(at), contentHash, keyId).getBytes(StandardCharsets.UTF_8);
    }

    private String write(ArchivedEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArchivedEntry read(String line) {
        try {
            return json.readValue(line, ArchivedEntry.class);
        } catch (JsonProcessingException e) {
            return new ArchivedEntry(-1, 0, null, null, null, null, null, null, null, "");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    List<Segment> segments() {
        return new ArrayList<>(ledger.jdbc().query("SELECT first_seq, last_seq, entry_count, content_hash FROM cg_audit_archive ORDER BY first_seq",
                (rs, i) -> new Segment(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4))));
    }
}
