package io.commgov.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Latencies per kind of call, in nanoseconds, kept whole so percentiles are exact. */
final class Latencies {

    private final Map<String, long[]> samples = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();

    synchronized void record(String call, long nanos) {
        long[] a = samples.computeIfAbsent(call, k -> new long[1024]);
        int n = sizes.getOrDefault(call, 0);
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            samples.put(call, a);
        }
        a[n] = nanos;
        sizes.put(call, n + 1);
    }

    synchronized Map<String, double[]> percentilesMillis() {
        var out = new java.util.LinkedHashMap<String, double[]>();
        samples.forEach((call, a) -> {
            long[] sorted = Arrays.copyOf(a, sizes.get(call));
            Arrays.sort(sorted);
            out.put(call, new double[] {sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99)});
        });
        return out;
    }

    private static double at(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }
}
