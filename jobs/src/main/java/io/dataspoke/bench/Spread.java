package io.dataspoke.bench;

import java.util.Arrays;

/** The median of a benchmark's counted iterations and how far they spread. */
public record Spread(double median, double min, double max) {

    /** The median, min and max of {@code values}; the array is left as it was. */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(median, sorted[0], sorted[sorted.length - 1]);
    }
}
