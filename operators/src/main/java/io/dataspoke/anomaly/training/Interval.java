package io.dataspoke.anomaly.training;

import java.time.Instant;

/**
 * A half-open span of time, {@code [startMillis, endMillis)}: an incident from its opening to its
 * resolution, or a window a user marked normal. The point observed at the end is outside, since an
 * incident resolves on the first observation that is normal again.
 *
 * @param startMillis first instant inside
 * @param endMillis first instant after, {@link #OPEN} while the span has not ended; equal to the
 *     start for a span that holds no instant (an incident resolved at the instant it opened)
 */
public record Interval(long startMillis, long endMillis) implements java.io.Serializable {

    /** The end of a span that has not ended, such as an open incident's. */
    public static final long OPEN = Long.MAX_VALUE;

    public Interval {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException(
                    "an interval cannot end before it starts, got ["
                            + Instant.ofEpochMilli(startMillis)
                            + ", "
                            + Instant.ofEpochMilli(endMillis)
                            + ")");
        }
    }

    /** A span that started at {@code startMillis} and has not ended. */
    public static Interval since(long startMillis) {
        return new Interval(startMillis, OPEN);
    }

    /** Whether {@code epochMillis} lies in the span. */
    public boolean contains(long epochMillis) {
        return epochMillis >= startMillis && epochMillis < endMillis;
    }
}
