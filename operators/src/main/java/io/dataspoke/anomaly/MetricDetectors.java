package io.dataspoke.anomaly;

import java.util.List;

/**
 * The detector each dataset metric gets, the same in the streaming job and in training.
 *
 * <ul>
 *   <li>Volumes ({@code row_count}, {@code rows_written}) follow the week: a seasonal baseline on
 *       hour-of-week profiles only, since a daily profile would flag every weekend, each hour of
 *       the day judged against at least its own noise of the last four weeks.
 *   <li>Null ratios have no season: an EWMA with a floor of one percentage point of noise.
 *   <li>The {@code profile} vector goes to an isolation forest, judged against its own history.
 * </ul>
 *
 * Volumes and null ratios score raw: their members' scores are already tail probabilities, and a
 * second warm-up for calibration would push the first vote beyond the weeks users tolerate. None
 * caps scores after an onset ({@link EnsembleStrategy.Config#onsetWindow()}): the quality monitor's
 * {@link AnomalyAlarm} reads every point's own score.
 */
public final class MetricDetectors {

    /** Smallest null-ratio noise assumed: one percentage point. */
    static final double NULL_RATIO_MIN_SCALE = 0.01;

    /**
     * Residuals a volume keeps per hour of the day: four weeks of hourly loads. Residuals start
     * when the weekly profile votes, after two weeks, so an hour's own spread counts from four
     * weeks in (14 held) rather than nine with the default's 96, whose full rings would also be 18
     * KB of state per metric rather than 5.
     */
    static final int VOLUME_HOUR_SCALE_WINDOW = 28;

    private MetricDetectors() {}

    /** A fresh detector for {@code metric}. */
    public static EnsembleStrategy forMetric(String metric) {
        EnsembleStrategy.Config raw =
                EnsembleStrategy.Config.defaults()
                        .withCalibration(false)
                        .withSpatialMargin(-1)
                        .withOnsetWindow(0);
        if (MetricSample.ROW_COUNT.equals(metric) || MetricSample.ROWS_WRITTEN.equals(metric)) {
            return new EnsembleStrategy(
                    raw,
                    List.of(
                            () ->
                                    new SeasonalStrategy(
                                            SeasonalStrategy.Config.defaults()
                                                    .withDailyFallback(false)
                                                    .withHourScaleWindow(
                                                            VOLUME_HOUR_SCALE_WINDOW))));
        }
        if (MetricSample.PROFILE.equals(metric)) {
            // A likelihood over the last 500 scores, not the default's 4,000: a per-dataset state
            // stays small. No context: a profile comes once a load, and 48 loads are weeks. No
            // precedent cap: 500 loads hold too few precedents to rate a rarity by.
            return new EnsembleStrategy(
                    new EnsembleStrategy.Config(0.5, 10, 500, 150, -1, 0, true, 0, 0, 1, 0, 0),
                    List.of(
                            () ->
                                    new IsolationForestStrategy(
                                            new IsolationForestStrategy.Config(
                                                    50, 512, 128, 64, 42))));
        }
        if (MetricSample.columnOf(metric) != null) {
            return new EnsembleStrategy(
                    raw, List.of(() -> new EwmaStrategy(0.05, 30, NULL_RATIO_MIN_SCALE)));
        }
        throw new IllegalArgumentException("no detector for metric " + metric);
    }
}
