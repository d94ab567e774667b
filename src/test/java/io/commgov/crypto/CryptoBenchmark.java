package io.commgov.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The national algorithms as CommGov calls them (Bouncy Castle): SM4-GCM sealing of 256 B and 16 KiB (a field, a
 * file chunk), SM3 over one audit entry's canonical form (as {@code AuditEntry.hashOf} builds it), SM2 signing and
 * verifying a checkpoint. Ops/s; {@code io.commgov.bench.ComponentBenchmarks} turns them into MB/s and puts
 * {@code openssl speed} beside them. Run alone: {@code ./mvnw -Pbench test-compile exec:exec -Dbench=CryptoBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// SM2 needs the longer warm-up before the JIT has compiled Bouncy Castle's curve arithmetic on a busy machine
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CryptoBenchmark {

    /** One audit entry as it is hashed: the fields of a typical API action, length-prefixed, and the previous hash. */
    public static final byte[] AUDIT_ENTRY = ("commgov-audit-v1|6:104857|13:1764576000000|4:ivan|13:TASK_COMPLETED|4:task"
            + "|36:5f0e9a34-edb8-11f1-a446-02fc00000001|7:SUCCESS|64:Task_ReviewByIt of account-opening approved=true comment=同意开通"
            + "|64:9c2b7e3f0a1d4c5b6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5").getBytes(StandardCharsets.UTF_8);

    /** What SM4-GCM seals: {@code size} random bytes under a random key. */
    @State(Scope.Thread)
    public static class Payload {
        @Param({"256", "16384"})
        public int size;

        final byte[] key = new byte[Sm4.KEY_LENGTH];
        final byte[] iv = new byte[Sm4.IV_LENGTH];
        final byte[] aad = "client:42:personalData".getBytes(StandardCharsets.UTF_8);
        byte[] plaintext;

        @Setup
        public void setUp() {
            var random = new SecureRandom();
            random.nextBytes(key);
            random.nextBytes(iv);
            plaintext = new byte[size];
            random.nextBytes(plaintext);
        }
    }

    private Sm2Signer signer;
    private byte[] checkpoint;
    private byte[] signature;

    @Setup
    public void setUp() {
        signer = Sm2Signer.withGeneratedKey();
        checkpoint = Sm3.hash(AUDIT_ENTRY);
        signature = signer.sign(checkpoint);
    }

    @Benchmark
    public byte[] sm4GcmEncrypt(Payload p) throws InvalidCipherTextException {
        return Sm4.gcm(true, p.key, p.iv, p.aad, p.plaintext);
    }

    @Benchmark
    public byte[] sm3AuditEntry() {
        return Sm3.hash(AUDIT_ENTRY);
    }

    @Benchmark
    public byte[] sm2Sign() {
        return signer.sign(checkpoint);
    }

    @Benchmark
    public boolean sm2Verify() {
        return signer.verify(checkpoint, signature);
    }
}
