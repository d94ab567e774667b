package io.commgov.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.commgov.crypto.Sm2Signer;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The tables of the chain. Every append locks the chain-head row first, so appends from every thread and every node
 * on the database line up in one chain; the caller's transaction holds the lock until it commits.
 */
class AuditLedger {

    private final JdbcTemplate jdbc;
    private final Sm2Signer signer;
    private final AuditProperties properties;
    private final boolean h2;

    AuditLedger(DataSource dataSource, Sm2Signer signer, AuditProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.signer = signer;
        this.properties = properties;
        this.h2 = isH2(dataSource);
    }

    record Head(long lastSeq, String lastHash, long lastCheckpointSeq, long lastCheckpointAt) {
    }

    record Checkpoint(long seq, String entryHash, long signedAt, String keyId, String signature) {

        byte[] signedBytes() {
            return ("commgov-audit-checkpoint|" + seq + "|" + entryHash + "|" + signedAt + "|" + keyId).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Appends the events in order; must run inside a transaction (the lock is released by its commit). */
    List<AuditEntry> append(List<AuditEvent> events) {
        Head head = lockHead();
        long seq = head.lastSeq();
        String prev = head.lastHash();
        long now = ClockUtil.getCurrentTime().getTime();
        long checkpointSeq = head.lastCheckpointSeq();
        long checkpointAt = head.lastCheckpointAt();
        var written = new java.util.ArrayList<AuditEntry>(events.size());
        for (AuditEvent e : events) {
            seq++;
            String hash = AuditEntry.hashOf(seq, now, e.actor(), e.eventType(), e.objectType(), e.objectId(), e.outcome().name(), e.details(), prev);
            jdbc.update("INSERT INTO cg_audit_entry (seq, occurred_at, actor_id, event_type, object_type, object_id, outcome, details,"
                    + " prev_hash, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    seq, now, e.actor(), e.eventType(), e.objectType(), e.objectId(), e.outcome().name(), e.details(), prev, hash);
            written.add(new AuditEntry(seq, Instant.ofEpochMilli(now), e.actor(), e.eventType(), e.objectType(), e.objectId(),
                    e.outcome(), e.details(), prev, hash));
            prev = hash;
            boolean last = written.size() == events.size();
            if (seq - checkpointSeq >= properties.checkpointEvery()
                    || last && now - checkpointAt >= properties.checkpointInterval().toMillis()) {
                writeCheckpoint(seq, hash, now);
                checkpointSeq = seq;
                checkpointAt = now;
            }
        }
        jdbc.update("UPDATE cg_audit_chain_head SET last_seq = ?, last_hash = ?, last_checkpoint_seq = ?, last_checkpoint_at = ? WHERE id = 1",
                seq, prev, checkpointSeq, checkpointAt);
        return written;
    }

    /** Signs the end of the chain if entries were appended since the last checkpoint; answers whether it signed. */
    boolean checkpointTail() {
        Head head = lockHead();
        if (head.lastSeq() == head.lastCheckpointSeq()) {
            return false;
        }
        long now = ClockUtil.getCurrentTime().getTime();
        writeCheckpoint(head.lastSeq(), head.lastHash(), now);
        jdbc.update("UPDATE cg_audit_chain_head SET last_checkpoint_seq = ?, last_checkpoint_at = ? WHERE id = 1", head.lastSeq(), now);
        return true;
    }

    private void writeCheckpoint(long seq, String entryHash, long now) {
        var unsigned = new Checkpoint(seq, entryHash, now, signer.keyId(), null);
        String signature = Base64.getEncoder().encodeToString(signer.sign(unsigned.signedBytes()));
        jdbc.update("INSERT INTO cg_audit_checkpoint (seq, entry_hash, signed_at, key_id, signature) VALUES (?,?,?,?,?)",
                seq, entryHash, now, unsigned.keyId(), signature);
    }

    Head lockHead() {
        if (h2) {
            // H2 gives up on a lock after 1 s by default; appends queue behind one another here
            jdbc.execute("SET LOCK_TIMEOUT 30000");
        }
        return jdbc.queryForObject("SELECT last_seq, last_hash, last_checkpoint_seq, last_checkpoint_at FROM cg_audit_chain_head WHERE id = 1 FOR UPDATE",
                HEAD);
    }

    Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash, last_checkpoint_seq, last_checkpoint_at FROM cg_audit_chain_head WHERE id = 1", HEAD);
    }

    /** Entries after {@code afterSeq} up to {@code maxSeq}, in chain order. */
    List<AuditEntry> entries(long afterSeq, long maxSeq, int limit) {
        return jdbc.query(SELECT_ENTRY + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?", ENTRY, afterSeq, maxSeq, limit);
    }

    /** The first entry past the current head, which no append wrote; one statement, so appends committing meanwhile don't count. */
    Long firstBeyondHead() {
        return jdbc.queryForObject("SELECT MIN(e.seq) FROM cg_audit_entry e, cg_audit_chain_head h WHERE h.id = 1 AND e.seq > h.last_seq", Long.class);
    }

    Map<Long, Checkpoint> checkpoints(long afterSeq, long maxSeq) {
        return jdbc.query("SELECT seq, entry_hash, signed_at, key_id, signature FROM cg_audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq",
                        (rs, i) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)), afterSeq, maxSeq)
                .stream().collect(Collectors.toMap(Checkpoint::seq, Function.identity(), (a, b) -> a, java.util.TreeMap::new));
    }

    boolean verifies(Checkpoint checkpoint) {
        try {
            return signer.verify(checkpoint.signedBytes(), Base64.getDecoder().decode(checkpoint.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    static final String SELECT_ENTRY = "SELECT seq, occurred_at, actor_id, event_type, object_type, object_id, outcome, details,"
            + " prev_hash, entry_hash FROM cg_audit_entry";

    static final RowMapper<AuditEntry> ENTRY = (ResultSet rs, int i) -> new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), outcomeOf(rs.getString(7)), rs.getString(8),
            rs.getString(9), rs.getString(10));

    private static final RowMapper<Head> HEAD = (rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4));

    private static Outcome outcomeOf(String s) {
        try {
            return Outcome.valueOf(s);
        } catch (RuntimeException e) {
            // a value no append writes: the verifier reports the entry as altered
            return null;
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        } catch (SQLException e) {
            return false;
        }
    }
}
