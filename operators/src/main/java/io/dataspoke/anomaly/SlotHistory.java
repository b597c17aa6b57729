package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A seasonal profile's memory: for each slot (an hour of the day, an hour of the week), the mean of
 * the slot's values in each of its last {@code depth} complete periods (days, weeks), plus the
 * running mean of the period in progress.
 */
final class SlotHistory implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Slot {@code s}'s ring of period means is {@code means[s * depth, (s + 1) * depth)}. */
    private final double[] means;

    private final int depth;
    private final int[] sizes;
    private final int[] next;
    private final long[] period;
    private final double[] sum;
    private final int[] count;

    SlotHistory(int slots, int depth) {
        this.depth = depth;
        means = new double[slots * depth];
        sizes = new int[slots];
        next = new int[slots];
        period = new long[slots];
        Arrays.fill(period, Long.MIN_VALUE);
        sum = new double[slots];
        count = new int[slots];
    }

    /** Closes the slot's period in progress if {@code now} is a later period. */
    void roll(int slot, long now) {
        if (period[slot] == now) {
            return;
        }
        if (count[slot] > 0) {
            means[slot * depth + next[slot]] = sum[slot] / count[slot];
            next[slot] = (next[slot] + 1) % depth;
            sizes[slot] = Math.min(sizes[slot] + 1, depth);
        }
        period[slot] = now;
        sum[slot] = 0;
        count[slot] = 0;
    }

    void add(int slot, long now, double value) {
        roll(slot, now);
        sum[slot] += value;
        count[slot]++;
    }

    /** Writes the slots, each with only its complete periods' means. */
    void writeTo(DataOutput out) throws IOException {
        out.writeInt(sizes.length);
        out.writeInt(depth);
        for (int s = 0; s < sizes.length; s++) {
            out.writeInt(sizes[s]);
            for (int i = 0; i < sizes[s]; i++) {
                out.writeDouble(means[s * depth + i]);
            }
            out.writeInt(next[s]);
            out.writeLong(period[s]);
            out.writeDouble(sum[s]);
            out.writeInt(count[s]);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    static SlotHistory readFrom(DataInput in) throws IOException {
        int slots = DetectorCodec.positive(in.readInt(), "slots");
        int depth = DetectorCodec.positive(in.readInt(), "depth");
        SlotHistory h = new SlotHistory(slots, depth);
        for (int s = 0; s < slots; s++) {
            int size = in.readInt();
            if (size < 0 || size > depth) {
                throw new IOException("slot of depth " + depth + " holding " + size);
            }
            h.sizes[s] = size;
            for (int i = 0; i < size; i++) {
                h.means[s * depth + i] = in.readDouble();
            }
            h.next[s] = in.readInt();
            h.period[s] = in.readLong();
            h.sum[s] = in.readDouble();
            h.count[s] = in.readInt();
        }
        return h;
    }

    /** Complete periods remembered for the slot. */
    int periods(int slot) {
        return sizes[slot];
    }

    /** Median of the slot's complete period means; NaN when there is none. */
    double median(int slot) {
        int n = sizes[slot];
        return n == 0
                ? Double.NaN
                : Robust.median(Arrays.copyOfRange(means, slot * depth, slot * depth + n));
    }
}
