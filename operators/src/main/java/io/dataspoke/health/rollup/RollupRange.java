package io.dataspoke.health.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The UTC days a rollup writes, {@code from} to {@code to} inclusive. Computing them also needs the
 * {@link #LOOKBACK_DAYS} before {@code from}, so that a day's week-over-week change and trend are
 * the same whatever range it was computed in.
 */
public record RollupRange(LocalDate from, LocalDate to) implements Serializable {

    /** Days before a written day that its change and trend look at. */
    public static final int LOOKBACK_DAYS = RollupSeries.WEEK;

    public RollupRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException(
                    "the rollup range must not end before it starts: " + from + " to " + to);
        }
    }

    /** The first day whose state is computed: {@code from} minus the look-back. */
    public LocalDate firstComputedDay() {
        return from.minusDays(LOOKBACK_DAYS);
    }

    /** Whether {@code day} is one of the written days. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The first instant after the range: history rows from it on change nothing. */
    public Instant end() {
        return endOf(to);
    }

    /** The first instant after {@code day} (UTC): its state is the one of rows before this. */
    static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
