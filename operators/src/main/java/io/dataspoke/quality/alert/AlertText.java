package io.dataspoke.quality.alert;

import io.dataspoke.decode.DatasetUrns;

/** Short texts incident alerts share between the change list and the Slack rendering. */
public final class AlertText {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private AlertText() {}

    /** The name part of a dataset URN ({@code sales.orders}), the text itself for anything else. */
    public static String datasetName(String urn) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        return parts == null ? urn : parts.name();
    }

    /** {@code root}, {@code 1 hop}, {@code 3 hops}. */
    public static String hops(int hops) {
        if (hops <= 0) {
            return "root";
        }
        return hops == 1 ? "1 hop" : hops + " hops";
    }

    /**
     * A duration the way an on-call reads it: {@code 42s}, {@code 42m}, {@code 1h 5m}, {@code 2d
     * 3h}.
     */
    public static String duration(long millis) {
        long ms = Math.max(millis, 0);
        if (ms < MINUTE) {
            return ms / 1000 + "s";
        }
        if (ms < HOUR) {
            return ms / MINUTE + "m";
        }
        if (ms < DAY) {
            long minutes = ms % HOUR / MINUTE;
            return ms / HOUR + "h" + (minutes == 0 ? "" : " " + minutes + "m");
        }
        long hours = ms % DAY / HOUR;
        return ms / DAY + "d" + (hours == 0 ? "" : " " + hours + "h");
    }
}
