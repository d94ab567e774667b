package io.commgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Two application nodes (two connection pools) on one database, several threads each, appending while a verifier
 * runs: one unbroken chain, every entry recorded once, every verification on the way intact. Runs on H2 and, in the
 * MariaDB run, on MariaDB.
 */
class AuditConcurrencyTest {

    static final int THREADS_PER_NODE = 4;
    static final int APPENDS_PER_THREAD = 40;

    @Test
    void threadsOnTwoNodesAppendToOneUnbrokenChainWhileItIsVerified() throws Exception {
        try (var audit = new AuditFixture(25)) {
            var nodes = List.of(audit.main, audit.node());
            ExecutorService pool = Executors.newFixedThreadPool(THREADS_PER_NODE * nodes.size() + 1);
            var start = new CountDownLatch(1);
            var done = new AtomicBoolean();
            var verifications = new ConcurrentLinkedQueue<AuditVerification>();
            try {
                var writers = new ArrayList<Future<?>>();
                for (int n = 0; n < nodes.size(); n++) {
                    var node = nodes.get(n);
                    for (int t = 0; t < THREADS_PER_NODE; t++) {
                        String actor = "node" + n + "-thread" + t;
                        writers.add(pool.submit(() -> {
                            start.await();
                            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                                // every other entry alone, the others two at a time in one transaction
                                if (i % 2 == 0) {
                                    node.trail.record(new AuditEvent(actor, "TEST_ACTION", "thing", actor + "-" + i, Outcome.SUCCESS, null));
                                } else {
                                    node.transactions.executeWithoutResult(s -> {
                                        node.trail.record(new AuditEvent(actor, "TEST_ACTION", "thing", actor + "-" + s.hashCode(), Outcome.SUCCESS, "a"));
                                        node.trail.record(new AuditEvent(actor, "TEST_ACTION", "thing", actor + "-" + s.hashCode(), Outcome.SUCCESS, "b"));
                                    });
                                }
                            }
                            return null;
                        }));
                    }
                }
                Future<?> verifier = pool.submit(() -> {
                    start.await();
                    while (!done.get()) {
                        verifications.add(audit.main.verifier.verify());
                    }
                    return null;
                });
                start.countDown();
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                done.set(true);
                verifier.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            long expected = (long) nodes.size() * THREADS_PER_NODE * (APPENDS_PER_THREAD / 2 + APPENDS_PER_THREAD);
            var result = audit.main.verifier.verify();
            assertThat(result.intact()).as(String.valueOf(result.firstBad())).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(expected);
            assertThat(audit.sql().queryForObject("SELECT COUNT(DISTINCT seq) FROM cg_audit_entry", Long.class)).isEqualTo(expected);
            assertThat(verifications).isNotEmpty().allSatisfy(v -> assertThat(v.intact()).as(String.valueOf(v.firstBad())).isTrue());
        }
    }
}
