package io.dataspoke.quality.alert;

import java.io.Serializable;
import java.time.Duration;

/**
 * When incident messages are due. The first message waits one window after the incident opened, so
 * that the downstream failures joining the same root cause go out with it; later changes are
 * coalesced up to the next window boundary, boundaries being the opening time plus whole windows.
 *
 * @param millis the window length, positive
 */
public record GroupingWindow(long millis) implements Serializable {

    /** Five minutes: long enough for lineage neighbours to fail, short enough to page on. */
    public static final Duration DEFAULT = Duration.ofMinutes(5);

    public GroupingWindow {
        if (millis <= 0) {
            throw new IllegalArgumentException(
                    "the grouping window must be positive, got " + millis + " ms");
        }
    }

    /** A window of {@code length}. */
    public static GroupingWindow of(Duration length) {
        return new GroupingWindow(length.toMillis());
    }

    /** When the first message of an incident opened at {@code openedMillis} is due. */
    public long firstMessageAt(long openedMillis) {
        return openedMillis + millis;
    }

    /**
     * The first boundary strictly after {@code atMillis} of an incident opened at {@code
     * openedMillis}; the end of the first window for a time before the opening.
     */
    public long nextBoundary(long openedMillis, long atMillis) {
        if (atMillis < openedMillis) {
            return openedMillis + millis;
        }
        return openedMillis + ((atMillis - openedMillis) / millis + 1) * millis;
    }

    /**
     * True when something that happened at {@code eventMillis} is live at processing time {@code
     * nowMillis}: no more than one window ago, and never less than {@link #LIVE_FLOOR_MILLIS} ago
     * (the way from Kafka through the correlator takes seconds, longer than a short window), or
     * ahead by clock skew. Events older than that are a replay, and only event time may decide when
     * their messages are due.
     */
    public boolean live(long eventMillis, long nowMillis) {
        return eventMillis >= nowMillis - Math.max(millis, LIVE_FLOOR_MILLIS);
    }

    /** Events this recent are live whatever the window. */
    public static final long LIVE_FLOOR_MILLIS = 10 * 60_000L;
}
