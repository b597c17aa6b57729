package io.dataspoke.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the demo history generator builds: a catalog of {@code datasets} datasets and {@code days}
 * days of loads starting at {@code start}, all derived from {@code seed} so the same config always
 * yields the same bytes.
 *
 * @param seed the only source of randomness
 * @param datasets catalog size, at least {@value #MIN_DATASETS}
 * @param days days of loads, at least {@value #MIN_DAYS} so the last Monday has earlier Mondays to
 *     compare with
 * @param start first instant of the history, on a whole second
 */
public record DemoConfig(long seed, int datasets, int days, Instant start) {

    public static final int MIN_DATASETS = 60;
    public static final int MIN_DAYS = 14;
    public static final int MAX_DAYS = 366;

    public DemoConfig {
        Objects.requireNonNull(start, "start");
        if (datasets < MIN_DATASETS) {
            throw new IllegalArgumentException(
                    "datasets must be at least " + MIN_DATASETS + ", was " + datasets);
        }
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "days must be between " + MIN_DAYS + " and " + MAX_DAYS + ", was " + days);
        }
        if (start.getNano() != 0) {
            throw new IllegalArgumentException("start must be on a whole second: " + start);
        }
    }

    /** Seed 42, 300 datasets, 28 days from Monday 2026-01-05T00:00:00Z. */
    public static DemoConfig defaults() {
        return new DemoConfig(42L, 300, 28, Instant.parse("2026-01-05T00:00:00Z"));
    }

    /** The same config with another seed. */
    public DemoConfig withSeed(long otherSeed) {
        return new DemoConfig(otherSeed, datasets, days, start);
    }

    /** The first instant after the loads; events may run a little past it, never a day past. */
    public Instant end() {
        return start.plusSeconds(days * 86_400L);
    }

    /** True when {@code start} falls on a Monday (UTC), as in the defaults. */
    public boolean startsOnMonday() {
        return start.atZone(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY;
    }
}
