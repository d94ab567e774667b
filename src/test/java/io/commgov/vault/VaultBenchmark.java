package io.commgov.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.commgov.crypto.MasterKeys;
import io.commgov.crypto.Sm4Gcm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SM4-GCM seal/open of 1 KiB records per second (× 1024 B = bytes/s), and encrypted-store writes and reads per second
 * with its database (a fresh H2, or MariaDB with {@code -Dbench.database=MariaDB -Dmariadb.test.url=…}).
 * Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench=VaultBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class VaultBenchmark {

    private static final int RECORD = 1024;

    private final byte[] key = Sm4Gcm.newKey();
    private final byte[] plaintext = new byte[RECORD];
    private byte[] sealed;

    /** The store on its database, set up only for the store's benchmarks. */
    @State(Scope.Thread)
    public static class Store {
        VaultDatabase db;
        EncryptedStore store;
        String recordText;
        final List<String> written = new ArrayList<>();
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            db = new VaultDatabase("MariaDB".equalsIgnoreCase(System.getProperty("commgov.bench.database", "H2")));
            // the store audits openings only; writes and masked reads need no trail
            store = new EncryptedStore(db.jdbc, MasterKeys.of(Sm4Gcm.newKey(), null), null);
            recordText = "客".repeat(RECORD / 3) + "x";
            for (int i = 0; i < 1000; i++) {
                written.add(store.put(Category.CONTRACT, recordText));
            }
            System.out.println("VaultBenchmark database: " + db.database() + ", record "
                    + recordText.getBytes(StandardCharsets.UTF_8).length + " bytes");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            db.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        new Random(42).nextBytes(plaintext);
        sealed = Sm4Gcm.seal(key, plaintext, "cg_vault_record:CONTRACT:bench");
    }

    @Benchmark
    public byte[] sm4GcmSeal1KiB() {
        return Sm4Gcm.seal(key, plaintext, "cg_vault_record:CONTRACT:bench");
    }

    @Benchmark
    public byte[] sm4GcmOpen1KiB() {
        return Sm4Gcm.open(key, sealed, "cg_vault_record:CONTRACT:bench");
    }

    @Benchmark
    public String storePut1KiB(Store s) {
        return s.store.put(Category.CONTRACT, s.recordText);
    }

    @Benchmark
    public String storeRead1KiB(Store s) {
        return s.store.masked(s.written.get(s.next++ % s.written.size()), UnaryOperator.identity());
    }
}
