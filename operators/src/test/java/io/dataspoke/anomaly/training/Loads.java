package io.dataspoke.anomaly.training;

import io.dataspoke.anomaly.MetricSample;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

/** Synthetic hourly load volumes of one dataset, as the operations that report them. */
final class Loads {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** Monday 2026-01-05T00:00Z: day 0 of week 1. */
    static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    static final String DATASET = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";

    /** Growth per day. */
    static final double TREND = 0.002;

    /** Multiplicative noise, one standard deviation. */
    static final double NOISE = 0.03;

    private final Random random;

    Loads(long seed) {
        random = new Random(seed);
    }

    /** {@code hour} hours after {@link #START}. */
    static long at(long hour) {
        return START + hour * HOUR;
    }

    /** Hour {@code hourOfDay} of day {@code day} (0 = the first Monday). */
    static long at(int day, int hourOfDay) {
        return START + day * DAY + hourOfDay * HOUR;
    }

    /**
     * The next noisy volume at {@code t}: business hours peak mid-afternoon, weekends at 45%, a
     * trend of {@link #TREND} a day.
     */
    double volume(long t) {
        return typical(t) * (1 + NOISE * random.nextGaussian());
    }

    /** The volume at {@code t} without noise. */
    static double typical(long t) {
        var time = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        double hour = 0.4 + Math.sin(Math.PI * Math.max(0, time.getHour() - 5) / 19.0);
        DayOfWeek day = time.getDayOfWeek();
        double week = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0.45 : 1.0;
        return 10_000 * hour * week * Math.pow(1 + TREND, (t - START) / (double) DAY);
    }

    /** The operation reporting {@code rows} written at {@code t}. */
    static MetricSample operation(long t, double rows) {
        return new MetricSample(
                DATASET, t, MetricSample.Kind.OPERATION, null, null, Math.round(rows), Map.of());
    }
}
