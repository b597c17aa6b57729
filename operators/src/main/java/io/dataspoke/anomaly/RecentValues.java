package io.dataspoke.anomaly;

/** A ring of the last {@code capacity} values of a series. */
final class RecentValues implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] ring;
    private int size;
    private int next;

    RecentValues(int capacity) {
        ring = new double[capacity];
    }

    void add(double value) {
        ring[next] = value;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    int size() {
        return size;
    }

    /** The value {@code back} steps ago: 0 is the newest. */
    double get(int back) {
        return ring[Math.floorMod(next - 1 - back, ring.length)];
    }

    /** The remembered values, oldest first. */
    double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(size - 1 - i);
        }
        return out;
    }

    double median() {
        return size == 0 ? Double.NaN : Robust.median(toArray());
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += ring[i];
        }
        return size == 0 ? Double.NaN : sum / size;
    }
}
