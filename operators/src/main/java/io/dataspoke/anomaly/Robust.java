package io.dataspoke.anomaly;

/** Robust statistics over small arrays. */
final class Robust {

    /** Scales a median absolute deviation to a standard deviation under normal noise. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Robust() {}

    /**
     * The median, found by selection rather than a sort (a detector takes two or three per point,
     * over up to 288 values); reorders {@code values} in place.
     */
    static double median(double[] values) {
        int n = values.length;
        int upper = n / 2;
        double high = select(values, upper);
        if (n % 2 == 1) {
            return high;
        }
        // After selection everything left of upper is at most values[upper]: the lower middle is
        // their largest.
        double low = values[0];
        for (int i = 1; i < upper; i++) {
            low = Math.max(low, values[i]);
        }
        return (low + high) / 2;
    }

    /**
     * The k-th smallest of {@code values} (Hoare's quickselect, median-of-three pivots), with the
     * values before index k no larger and those after no smaller.
     */
    private static double select(double[] values, int k) {
        int left = 0;
        int right = values.length - 1;
        while (right > left) {
            int middle = (left + right) >>> 1;
            if (values[middle] < values[left]) {
                swap(values, middle, left);
            }
            if (values[right] < values[left]) {
                swap(values, right, left);
            }
            if (values[right] < values[middle]) {
                swap(values, right, middle);
            }
            double pivot = values[middle];
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(values, i++, j--);
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return values[k];
    }

    private static void swap(double[] values, int a, int b) {
        double t = values[a];
        values[a] = values[b];
        values[b] = t;
    }
}
