package io.commgov.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every way of tampering with the table is detected, at the position where it happened (R-LOG). */
class AuditTamperTest {

    AuditFixture audit;

    @BeforeEach
    void chainOf25WithCheckpointsEvery10() {
        audit = new AuditFixture(10);
        audit.main.append(25, "emma");
        assertThat(audit.main.verifier.verify().intact()).isTrue();
    }

    @AfterEach
    void close() {
        ClockUtil.reset();
        audit.close();
    }

    @Test
    void anIntactChainVerifiesWithItsCheckpoints() {
        var result = audit.main.verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(25);
        assertThat(result.checkpointsChecked()).isEqualTo(2);
        assertThat(result.firstBad()).isNull();
    }

    @Test
    void aChangedEntryIsReportedAtItsPosition() {
        audit.sql().update("UPDATE cg_audit_entry SET actor_id = 'mallory' WHERE seq = 7");
        assertBrokenAt(7, "altered");
    }

    @Test
    void aChangedOutcomeIsReported() {
        audit.sql().update("UPDATE cg_audit_entry SET outcome = 'FAILURE' WHERE seq = 13");
        assertBrokenAt(13, "altered");
    }

    @Test
    void aDeletedEntryIsReportedAtItsPosition() {
        audit.sql().update("DELETE FROM cg_audit_entry WHERE seq = 12");
        assertBrokenAt(12, "missing");
    }

    @Test
    void anInsertedEntryBeyondTheHeadIsReported() {
        var head = audit.main.ledger.head();
        String hash = AuditEntry.hashOf(26, 0, "mallory", "TEST_ACTION", "thing", "X", "SUCCESS", null, head.lastHash());
        audit.sql().update("INSERT INTO cg_audit_entry VALUES (26, 0, 'mallory', 'TEST_ACTION', 'thing', 'X', 'SUCCESS', NULL, ?, ?)",
                head.lastHash(), hash);
        assertBrokenAt(26, "inserted");
    }

    @Test
    void anEntryInsertedInTheMiddleIsReported() {
        // make room at position 5 by moving every later entry one up, then put a forged entry there
        for (long seq = 25; seq >= 5; seq--) {
            audit.sql().update("UPDATE cg_audit_entry SET seq = ? WHERE seq = ?", seq + 1, seq);
        }
        String prev = audit.sql().queryForObject("SELECT entry_hash FROM cg_audit_entry WHERE seq = 4", String.class);
        String hash = AuditEntry.hashOf(5, 0, "mallory", "TEST_ACTION", "thing", "X", "SUCCESS", null, prev);
        audit.sql().update("INSERT INTO cg_audit_entry VALUES (5, 0, 'mallory', 'TEST_ACTION', 'thing', 'X', 'SUCCESS', NULL, ?, ?)", prev, hash);
        // the forged entry links to entry 4 correctly; the entry that followed 4 no longer follows its predecessor
        assertBrokenAt(6, "link-broken");
    }

    @Test
    void twoSwappedEntriesAreReportedAtTheFirst() {
        audit.sql().update("UPDATE cg_audit_entry SET seq = -1 WHERE seq = 15");
        audit.sql().update("UPDATE cg_audit_entry SET seq = 15 WHERE seq = 16");
        audit.sql().update("UPDATE cg_audit_entry SET seq = 16 WHERE seq = -1");
        assertBrokenAt(15, "link-broken");
    }

    @Test
    void aTailTruncatedAfterACheckpointIsReported() {
        audit.sql().update("DELETE FROM cg_audit_entry WHERE seq > 20");
        assertBrokenAt(21, "missing");
    }

    @Test
    void aChainRewrittenWithValidHashesFailsAtTheNextSignedCheckpoint() {
        // whoever knows the hash function but not the SM2 key rewrites entry 3 and every hash after it
        audit.sql().update("UPDATE cg_audit_entry SET details = 'forged' WHERE seq = 3");
        String prev = audit.sql().queryForObject("SELECT entry_hash FROM cg_audit_entry WHERE seq = 2", String.class);
        for (var e : audit.main.ledger.entries(2, 25, 100)) {
            String hash = AuditEntry.hashOf(e.seq(), e.occurredAt().toEpochMilli(), e.actor(), e.eventType(), e.objectType(),
                    e.objectId(), e.outcome().name(), e.details(), prev);
            audit.sql().update("UPDATE cg_audit_entry SET prev_hash = ?, entry_hash = ? WHERE seq = ?", prev, hash, e.seq());
            prev = hash;
        }
        audit.sql().update("UPDATE cg_audit_chain_head SET last_hash = ?", prev);
        assertBrokenAt(10, "signature-invalid");
    }

    @Test
    void aDeletedCheckpointIsReported() {
        audit.sql().update("DELETE FROM cg_audit_checkpoint WHERE seq = 10");
        assertBrokenAt(10, "checkpoint-missing");
    }

    @Test
    void aCheckpointIsSignedAtLeastHourlyEvenWithFewEntries() {
        var start = Instant.now().plus(Duration.ofDays(1));
        ClockUtil.setCurrentTime(Date.from(start));
        audit.main.append(1, "ivan");
        long checkpointsBefore = audit.sql().queryForObject("SELECT COUNT(*) FROM cg_audit_checkpoint", Long.class);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(30))));
        audit.main.append(1, "ivan");
        assertThat(audit.sql().queryForObject("SELECT COUNT(*) FROM cg_audit_checkpoint", Long.class)).isEqualTo(checkpointsBefore);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(61))));
        audit.main.append(1, "ivan");
        assertThat(audit.sql().queryForObject("SELECT MAX(seq) FROM cg_audit_checkpoint", Long.class)).isEqualTo(28);

        audit.main.append(1, "ivan");
        assertThat((boolean) audit.main.transactions.execute(s -> audit.main.ledger.checkpointTail())).as("the scheduled signing of the tail").isTrue();
        assertThat(audit.sql().queryForObject("SELECT MAX(seq) FROM cg_audit_checkpoint", Long.class)).isEqualTo(29);
        assertThat(audit.main.verifier.verify().intact()).isTrue();
    }

    @Test
    void entriesOlderThanSixMonthsLeaveOnlyAsASignedSegmentThatStillVerifies() {
        var old = new AuditFixture(10);
        try {
            ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(400))));
            old.main.append(30, "emma");
            ClockUtil.reset();
            old.main.append(5, "ivan");

            assertThatThrownBy(() -> old.main.archive.archiveBefore(Instant.now().minus(Duration.ofDays(90))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("183 days");

            var segment = old.main.archive.archiveBefore(Instant.now().minus(Duration.ofDays(200)));
            assertThat(segment.firstSeq()).isEqualTo(1);
            assertThat(segment.lastSeq()).as("up to the last signed checkpoint among the old entries").isEqualTo(30);
            assertThat(old.sql().queryForObject("SELECT COUNT(*) FROM cg_audit_entry", Long.class)).isEqualTo(5);
            var result = old.main.verifier.verify();
            assertThat(result.intact()).as(String.valueOf(result.firstBad())).isTrue();
            assertThat(result.archivedEntries()).isEqualTo(30);
            assertThat(result.entriesChecked()).isEqualTo(5);

            old.sql().update("UPDATE cg_audit_archive SET content = REPLACE(content, '\"emma\"', '\"mallo\"')");
            var tampered = old.main.verifier.verify();
            assertThat(tampered.intact()).isFalse();
            assertThat(tampered.firstBad().problem()).isEqualTo("archive-signature-invalid");
        } finally {
            ClockUtil.reset();
            old.close();
        }
    }

    private void assertBrokenAt(long position, String problem) {
        var result = audit.main.verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBad().position()).as(result.firstBad().message()).isEqualTo(position);
        assertThat(result.firstBad().problem()).isEqualTo(problem);
    }
}
