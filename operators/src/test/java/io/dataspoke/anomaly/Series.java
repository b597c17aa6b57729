package io.dataspoke.anomaly;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/** Synthetic series for the detector tests. */
final class Series {

    static final long HOUR = 3_600_000L;

    /** Monday 2026-01-05T00:00Z. */
    static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private Series() {}

    /**
     * An hourly load volume: busy business hours, weekends at 45%, a trend of {@code trendPerDay},
     * multiplicative noise of {@code noise} (one standard deviation).
     */
    static double volume(long t, double trendPerDay, double noise, Random random) {
        var time = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        double hour = 0.4 + Math.sin(Math.PI * Math.max(0, time.getHour() - 5) / 19.0);
        DayOfWeek day = time.getDayOfWeek();
        double week = day == DayOfWeek.SATURDAY ? 0.45 : day == DayOfWeek.SUNDAY ? 0.4 : 1.0;
        double days = (t - START) / (24.0 * HOUR);
        return 10_000
                * hour
                * week
                * Math.pow(1 + trendPerDay, days)
                * (1 + noise * random.nextGaussian());
    }
}
