package io.commgov.audit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.commgov.support.MariaDb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit trail on a database of its own ({@code -Dbench.db=h2|mariadb}; MariaDB gets {@code <db>_audit} next to
 * {@code -Dcommgov.test.mariadb.url}): {@link #append} records one entry per transaction as an API action does
 * (entries/s); {@link Verify#fullChain} verifies a chain of {@code entries} (1,000,000 by default) generated straight
 * into the table with real SM3 links and SM2-signed checkpoints every 100 entries (one shot; entries/s = entries / s).
 * Run alone: {@code ./mvnw -Pbench test-compile exec:exec -Dbench=AuditChainBenchmark -Dbench.db=mariadb}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AuditChainBenchmark {

    private static final int CHECKPOINT_EVERY = 100;

    private AuditFixture audit;
    private int n;

    @Setup(Level.Trial)
    public void setUp() {
        audit = new AuditFixture(CHECKPOINT_EVERY, database("append"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        audit.close();
    }

    @Benchmark
    public void append() {
        audit.main.trail.record(new AuditEvent("ivan", "TASK_COMPLETED", "task", "T-" + n++, Outcome.SUCCESS, "Task_ReviewByIt approved=true"));
    }

    /** The full-chain verification of a long trail. */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(1)
    public static class Verify {

        @Param({"1000000"})
        public int entries;

        private AuditFixture audit;

        @Setup(Level.Trial)
        public void setUp() {
            audit = new AuditFixture(CHECKPOINT_EVERY, database("verify"));
            long t0 = System.nanoTime();
            generate(audit, entries);
            System.out.printf("%n%,d audit entries generated in %.1f s%n", entries, (System.nanoTime() - t0) / 1e9);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            audit.close();
        }

        @Benchmark
        public AuditVerification fullChain() {
            var result = audit.main.verifier.verify();
            if (!result.intact() || result.entriesChecked() != entries) {
                throw new IllegalStateException("chain not intact or not whole: " + result);
            }
            return result;
        }
    }

    static String database(String name) {
        return "mariadb".equalsIgnoreCase(System.getProperty("bench.db")) ? MariaDb.freshDatabase(name)
                : "jdbc:h2:mem:audit-" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A valid chain of {@code count} entries, written in JDBC batches, with its checkpoints and chain head. */
    static void generate(AuditFixture audit, int count) {
        var jdbc = audit.sql();
        var signer = audit.signer;
        String prev = "0".repeat(64);
        long now = System.currentTimeMillis();
        var rows = new ArrayList<Object[]>();
        var checkpoints = new ArrayList<Object[]>();
        for (long seq = 1; seq <= count; seq++) {
            String objectId = "T-" + seq;
            String details = "Task_ReviewByIt approved=true n=" + seq;
            String hash = AuditEntry.hashOf(seq, now, "ivan", "TASK_COMPLETED", "task", objectId, "SUCCESS", details, prev);
            rows.add(new Object[] {seq, now, "ivan", "TASK_COMPLETED", "task", objectId, "SUCCESS", details, prev, hash});
            if (seq % CHECKPOINT_EVERY == 0 || seq == count) {
                var unsigned = new AuditLedger.Checkpoint(seq, hash, now, signer.keyId(), null);
                checkpoints.add(new Object[] {seq, hash, now, signer.keyId(), Base64.getEncoder().encodeToString(signer.sign(unsigned.signedBytes()))});
            }
            prev = hash;
            if (rows.size() == 5000 || seq == count) {
                flush(jdbc, rows, checkpoints);
            }
        }
        jdbc.update("UPDATE cg_audit_chain_head SET last_seq = ?, last_hash = ?, last_checkpoint_seq = ?, last_checkpoint_at = ? WHERE id = 1",
                count, prev, count, now);
    }

    private static void flush(org.springframework.jdbc.core.JdbcTemplate jdbc, List<Object[]> rows, List<Object[]> checkpoints) {
        jdbc.batchUpdate("INSERT INTO cg_audit_entry (seq, occurred_at, actor_id, event_type, object_type, object_id, outcome, details,"
                + " prev_hash, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?)", rows);
        jdbc.batchUpdate("INSERT INTO cg_audit_checkpoint (seq, entry_hash, signed_at, key_id, signature) VALUES (?,?,?,?,?)", checkpoints);
        rows.clear();
        checkpoints.clear();
    }
}
