package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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

    /** The most values remembered. */
    int capacity() {
        return ring.length;
    }

    /** Forgets the oldest value. */
    void dropOldest() {
        if (size > 0) {
            size--;
        }
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

    /**
     * Writes the capacity and the values, oldest first; sums run in that order too, so they repeat
     * bit for bit after a read.
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(size);
        for (int back = size - 1; back >= 0; back--) {
            out.writeDouble(get(back));
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    static RecentValues readFrom(DataInput in) throws IOException {
        RecentValues values = new RecentValues(DetectorCodec.positive(in.readInt(), "capacity"));
        int size = in.readInt();
        if (size < 0 || size > values.ring.length) {
            throw new IOException("ring of " + values.ring.length + " holding " + size);
        }
        for (int i = 0; i < size; i++) {
            values.add(in.readDouble());
        }
        return values;
    }

    /** The mean, summed oldest first; NaN when empty. */
    double mean() {
        return mean(size);
    }

    /** The mean of the newest {@code count} values (all when fewer), summed oldest first. */
    double mean(int count) {
        int n = Math.min(count, size);
        double sum = 0;
        for (int back = n - 1; back >= 0; back--) {
            sum += get(back);
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The population standard deviation of the newest {@code count} values (all when fewer), about
     * their mean; 0 for fewer than two.
     */
    double standardDeviation(int count) {
        int n = Math.min(count, size);
        if (n < 2) {
            return 0;
        }
        double mean = mean(n);
        double squares = 0;
        for (int back = n - 1; back >= 0; back--) {
            double d = get(back) - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / n);
    }

    /** How many of the remembered values are at least {@code threshold}. */
    int countAtLeast(double threshold) {
        // The live values are the size before next, in at most two stretches of the ring.
        int oldest = Math.floorMod(next - size, ring.length);
        int firstEnd = Math.min(oldest + size, ring.length);
        int count = 0;
        for (int i = oldest; i < firstEnd; i++) {
            if (ring[i] >= threshold) {
                count++;
            }
        }
        for (int i = 0; i < size - (firstEnd - oldest); i++) {
            if (ring[i] >= threshold) {
                count++;
            }
        }
        return count;
    }

    /** The largest value, -infinity when empty. */
    double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (int back = 0; back < size; back++) {
            max = Math.max(max, get(back));
        }
        return max;
    }
}
