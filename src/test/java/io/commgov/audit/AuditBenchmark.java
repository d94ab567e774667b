package io.commgov.audit;

import org.junit.jupiter.api.Test;

/**
 * Audit throughput, printed: appends per second (one entry per transaction, as an API action records it; and 8
 * threads) and verified entries per second. Not part of the suite; run on H2 with
 * {@code ./mvnw -B -q verify -DskipMariaDb=true -Dtest=AuditBenchmark} and on MariaDB with the MariaDB run's settings.
 */
class AuditBenchmark {

    @Test
    void appendAndVerifyThroughput() throws Exception {
        try (var audit = new AuditFixture(100)) {
            String db = audit.url.startsWith("jdbc:h2") ? "H2" : "MariaDB";
            audit.main.append(200, "warmup");
            int n = 2000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                audit.main.trail.record(new AuditEvent("bench", "TEST_ACTION", "thing", "B-" + i, Outcome.SUCCESS, "details of the action"));
            }
            double single = n / ((System.nanoTime() - t0) / 1e9);

            int threads = 8;
            var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            long t1 = System.nanoTime();
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < n / threads; i++) {
                        audit.main.trail.record(new AuditEvent("bench", "TEST_ACTION", "thing", "C-" + i, Outcome.SUCCESS, "details"));
                    }
                }));
            }
            for (var f : futures) {
                f.get();
            }
            double parallel = n / ((System.nanoTime() - t1) / 1e9);
            pool.shutdown();

            long t2 = System.nanoTime();
            var result = audit.main.verifier.verify();
            double verify = result.entriesChecked() / ((System.nanoTime() - t2) / 1e9);
            System.out.printf("AUDIT BENCHMARK %s: appends/s single thread %.0f, 8 threads %.0f; verify %d entries (%d checkpoints) %.0f entries/s; intact=%s%n",
                    db, single, parallel, result.entriesChecked(), result.checkpointsChecked(), verify, result.intact());
        }
    }
}
