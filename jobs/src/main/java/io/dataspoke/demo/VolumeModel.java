package io.dataspoke.demo;

import java.time.DayOfWeek;

/**
 * Expected rows of a load: the dataset's base volume shaped by time of day (hourly datasets, in the
 * team's local time), day of week (weekends lower) and a slow trend. Noise and incidents are
 * applied by {@link LoadPlanner}.
 */
final class VolumeModel {

    /** Relative traffic per local hour: quiet nights, busy business hours. Mean 1. */
    static final double[] HOUR_OF_DAY =
            normalized(
                    new double[] {
                        0.45, 0.35, 0.30, 0.28, 0.30, 0.38, 0.55, 0.80, 1.05, 1.25, 1.35, 1.40,
                        1.35, 1.40, 1.45, 1.40, 1.30, 1.20, 1.10, 1.05, 1.00, 0.90, 0.75, 0.60
                    });

    private VolumeModel() {}

    /** Relative volume of a local day; Saturday is {@code weekend}, Sunday a little lower still. */
    static double dayOfWeek(DayOfWeek day, double weekend) {
        return switch (day) {
            case MONDAY -> 1.0;
            case TUESDAY -> 1.04;
            case WEDNESDAY -> 1.05;
            case THURSDAY -> 1.03;
            case FRIDAY -> 0.97;
            case SATURDAY -> weekend;
            case SUNDAY -> weekend * 0.92;
        };
    }

    /**
     * Expected rows for data covering {@code localHour} of {@code localDay} (the hour is ignored
     * for daily datasets), {@code elapsedDays} after the start of the history.
     */
    static double expected(DemoDataset d, DayOfWeek localDay, int localHour, double elapsedDays) {
        double rows =
                d.baseRows
                        * dayOfWeek(localDay, d.weekendFactor)
                        * Math.pow(1 + d.trendPerDay, elapsedDays);
        if (d.hourly()) {
            rows *= HOUR_OF_DAY[localHour];
        }
        return rows;
    }

    private static double[] normalized(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / mean;
        }
        return out;
    }
}
