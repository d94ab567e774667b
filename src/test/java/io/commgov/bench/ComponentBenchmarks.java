package io.commgov.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.commgov.announcements.ScreenBenchmark;
import io.commgov.crypto.CryptoBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The component benchmarks in one run and one table: JMH's {@code CryptoBenchmark}, {@code ScreenBenchmark} and
 * {@code AuditChainBenchmark} (on {@code -Dbench.db}), then the machine's {@code openssl speed} for SM4-CBC, SM3 and
 * SM2 (one second each) as the native reference beside the Java figures.
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=io.commgov.bench.ComponentBenchmarks -Dbench.db=mariadb}
 * ({@code -Dbench.jvm=-Dbench.audit.entries=100000} for a shorter chain).
 */
public final class ComponentBenchmarks {

    private ComponentBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String entries = System.getProperty("bench.audit.entries", "1000000");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CryptoBenchmark.class.getName())
                .include(ScreenBenchmark.class.getName())
                .include("io.commgov.audit.AuditChainBenchmark")
                .param("entries", entries)
                .build()).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            for (String key : p.getParamsKeys()) {
                if (!key.equals("patterns") && !key.equals("entries")) {
                    name += " " + key + "=" + p.getParam(key);
                }
            }
            score.put(name, r.getPrimaryResult().getScore());
        }
        Map<String, double[]> openssl = new HashMap<>();
        openssl.put("sm4-cbc", speed("-evp", "sm4-cbc"));
        openssl.put("sm3", speed("-evp", "sm3"));
        openssl.put("sm2", speed("sm2"));

        var out = new StringBuilder(String.format(Locale.ROOT,
                "%nCOMPONENT BENCHMARKS %s; JDK %s, %d cores; audit on %s; openssl = `%s`%n", Instant.now(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), BenchApps.databaseLabel(), version()));
        out.append(String.format(Locale.ROOT, "%-44s %18s   %s%n", "", "Java (JMH)", "openssl speed, same run"));
        double gcm256 = score.getOrDefault("sm4GcmEncrypt size=256", Double.NaN) * 256 / 1e6;
        double gcm16k = score.getOrDefault("sm4GcmEncrypt size=16384", Double.NaN) * 16384 / 1e6;
        double[] cbc = openssl.get("sm4-cbc");
        double[] sm3 = openssl.get("sm3");
        double[] sm2 = openssl.get("sm2");
        line(out, "SM4-GCM encrypt, 256 B", gcm256, "MB/s", String.format(Locale.ROOT, "SM4-CBC 256 B: %.1f MB/s", cbc[2] / 1e6));
        line(out, "SM4-GCM encrypt, 16 KiB", gcm16k, "MB/s", String.format(Locale.ROOT, "SM4-CBC 16 KiB: %.1f MB/s", cbc[5] / 1e6));
        line(out, "SM3, one audit entry (" + CryptoBenchmark.AUDIT_ENTRY.length + " B)", score.get("sm3AuditEntry"), "entries/s",
                String.format(Locale.ROOT, "sm3 256 B: %.0f hashes/s (%.1f MB/s); 16 KiB: %.1f MB/s", sm3[2] / 256, sm3[2] / 1e6, sm3[5] / 1e6));
        line(out, "SM2 sign (SM3 digest of a checkpoint)", score.get("sm2Sign"), "ops/s", String.format(Locale.ROOT, "SM2 sign: %.0f ops/s", sm2[0]));
        line(out, "SM2 verify", score.get("sm2Verify"), "ops/s", String.format(Locale.ROOT, "SM2 verify: %.0f ops/s", sm2[1]));
        for (String normalise : new String[] {"true", "false"}) {
            double automaton = score.getOrDefault("automaton normalise=" + normalise, Double.NaN) * ScreenBenchmark.TEXT_CHARS;
            double naive = score.getOrDefault("naive normalise=" + normalise, Double.NaN) * ScreenBenchmark.TEXT_CHARS;
            line(out, "screen, 10,000 patterns, normalise=" + normalise, automaton / 1e6, "M chars/s", "");
            line(out, "  naive String.contains loop, same text", naive / 1e6, "M chars/s", String.format(Locale.ROOT, "screen is %.0fx faster", automaton / naive));
        }
        line(out, "audit append, 1 entry per transaction", score.get("append"), "entries/s", "");
        Double verifySeconds = score.get("fullChain");
        if (verifySeconds != null) {
            line(out, "audit full-chain verify, " + entries + " entries", Double.parseDouble(entries) / verifySeconds, "entries/s",
                    String.format(Locale.ROOT, "(%.1f s)", verifySeconds));
        }
        System.out.println(out);
    }

    private static void line(StringBuilder out, String what, Double value, String unit, String native_) {
        out.append(String.format(Locale.ROOT, "%-44s %10.1f %-10s %s%n", what, value == null ? Double.NaN : value, unit, native_));
    }

    /** {@code openssl speed -elapsed -seconds 1 -mr ...} (wall-clock time, as JMH measures): bytes/s for 16, 64, 256, 1024, 8192, 16384 B, or sign/s and verify/s for SM2. */
    static double[] speed(String... algorithm) {
        var command = new java.util.ArrayList<>(java.util.List.of("openssl", "speed", "-elapsed", "-seconds", "1", "-mr"));
        command.addAll(java.util.List.of(algorithm));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (String line : output.split("\n")) {
                String[] f = line.trim().split(":");
                if (line.startsWith("+F:")) {
                    double[] v = new double[f.length - 3];
                    for (int i = 3; i < f.length; i++) {
                        v[i - 3] = Double.parseDouble(f[i]);
                    }
                    return v;
                }
                if (line.startsWith("+F7:") || line.startsWith("+F6:")) {
                    return new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])};
                }
            }
            System.out.println(String.join(" ", command) + " gave no figures: " + output);
        } catch (IOException e) {
            System.out.println(String.join(" ", command) + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }

    private static String version() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "not available";
        }
    }
}
