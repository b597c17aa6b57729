package io.dataspoke.anomaly;

import java.util.Arrays;

/** Robust statistics over small arrays. */
final class Robust {

    /** Scales a median absolute deviation to a standard deviation under normal noise. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {}

    /** The median; sorts {@code values} in place. */
    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
