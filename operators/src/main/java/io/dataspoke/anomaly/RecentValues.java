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
     * Writes the capacity and the ring as it lies (a ring not yet full holds its values from slot
     * 0), so sums over it repeat bit for bit after a read.
     */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(ring.length);
        out.writeInt(size);
        out.writeInt(next);
        for (int i = 0; i < size; i++) {
            out.writeDouble(ring[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    static RecentValues readFrom(DataInput in) throws IOException {
        RecentValues values = new RecentValues(DetectorCodec.positive(in.readInt(), "capacity"));
        int size = in.readInt();
        int next = in.readInt();
        if (size < 0 || size > values.ring.length || next < 0 || next >= values.ring.length) {
            throw new IOException(
                    "ring of " + values.ring.length + " holding " + size + ", next " + next);
        }
        for (int i = 0; i < size; i++) {
            values.ring[i] = in.readDouble();
        }
        values.size = size;
        values.next = next;
        return values;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += ring[i];
        }
        return size == 0 ? Double.NaN : sum / size;
    }

    /** The largest value, -infinity when empty. */
    double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, ring[i]);
        }
        return max;
    }
}
