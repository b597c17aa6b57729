package io.dataspoke.anomaly;

import java.util.Arrays;

/**
 * One observation of a series: when it was observed and what. Univariate detectors read {@link
 * #value()} (the first feature); the isolation forest reads the whole vector.
 *
 * @param epochMillis observation time
 * @param features the observed values, the series' own value first
 */
public record Point(long epochMillis, double[] features) {

    public Point {
        if (features.length == 0) {
            throw new IllegalArgumentException("a point needs at least one value");
        }
        features = features.clone();
    }

    /** A point of a univariate series. */
    public static Point of(long epochMillis, double value) {
        return new Point(epochMillis, new double[] {value});
    }

    /** The series' own value. */
    public double value() {
        return features[0];
    }

    /** Number of features. */
    public int dimension() {
        return features.length;
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point p
                && p.epochMillis == epochMillis
                && Arrays.equals(p.features, features);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epochMillis) * 31 + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "Point[" + epochMillis + ", " + Arrays.toString(features) + "]";
    }
}
