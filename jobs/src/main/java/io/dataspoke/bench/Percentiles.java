package io.dataspoke.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of latencies in milliseconds. */
public record Percentiles(int count, double p50, double p90, double p99, double max) {

    /** The percentiles of {@code millis}; the array is sorted in place. */
    public static Percentiles of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        Arrays.sort(millis);
        return new Percentiles(
                millis.length,
                rank(millis, 0.50),
                rank(millis, 0.90),
                rank(millis, 0.99),
                millis[millis.length - 1]);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }

    /** Every figure less {@code millis}: the latency beyond a delay the design adds on purpose. */
    public Percentiles minus(double millis) {
        return new Percentiles(count, p50 - millis, p90 - millis, p99 - millis, max - millis);
    }
}
