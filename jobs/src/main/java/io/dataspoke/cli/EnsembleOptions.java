package io.dataspoke.cli;

import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.SeasonalStrategy;
import picocli.CommandLine.Option;

/**
 * The ensemble's configuration as options, each defaulting to {@link
 * EnsembleStrategy.Config#defaults()}: what a neighbourhood of the default is scored with (one
 * value moved, the rest as they are), and what an evaluation reports it scored. Sensitivity is not
 * one: it bends scores without reordering them, so no NAB score moves with it. Calibration stays
 * on: the ensemble is judged as the product runs it. The forest's seed is one: a score that moves
 * with it is partly the draw of the trees.
 */
final class EnsembleOptions {

    private static final EnsembleStrategy.Config DEFAULTS = EnsembleStrategy.Config.defaults();

    private static final IsolationForestStrategy.Config FOREST =
            IsolationForestStrategy.Config.defaults();

    private static final SeasonalStrategy.Config SEASONAL = SeasonalStrategy.Config.defaults();

    @Option(
            names = "--short-window",
            paramLabel = "N",
            description = "Raw scores a member averages before judging (default ${DEFAULT-VALUE}).")
    int shortWindow = DEFAULTS.shortWindow();

    @Option(
            names = "--long-window",
            paramLabel = "N",
            description =
                    "Averaged scores of a member its judgement is made against (default"
                            + " ${DEFAULT-VALUE}).")
    int longWindow = DEFAULTS.longWindow();

    @Option(
            names = "--horizons",
            paramLabel = "N",
            description =
                    "Nested stretches of the long window a member is judged against, the least"
                            + " surprised counting; 1 judges against the whole window (default"
                            + " ${DEFAULT-VALUE}).")
    int horizons = DEFAULTS.horizons();

    @Option(
            names = "--min-history",
            paramLabel = "N",
            description =
                    "Averaged scores a member needs before its judgement counts; its normal is"
                            + " refitted every half as many points (default ${DEFAULT-VALUE}).")
    int minHistory = DEFAULTS.minHistory();

    @Option(
            names = "--corroboration",
            paramLabel = "W",
            description =
                    "Weight in [0, 1] of the other members' digits added to the strongest's"
                            + " (default ${DEFAULT-VALUE}).")
    double corroboration = DEFAULTS.corroboration();

    @Option(
            names = "--onset-window",
            paramLabel = "N",
            description =
                    "Previous points a point must score above to keep its score; 0 scores every"
                            + " point (default ${DEFAULT-VALUE}).")
    int onsetWindow = DEFAULTS.onsetWindow();

    @Option(
            names = "--certain-digits",
            paramLabel = "D",
            description =
                    "Digits from which a run's surer points are no new onset; 0 sets no ceiling"
                            + " (default ${DEFAULT-VALUE}).")
    double certainDigits = DEFAULTS.certainDigits();

    @Option(
            names = "--spatial-margin",
            paramLabel = "M",
            description =
                    "Share of the seen range by which a value must leave it to score 1; negative"
                            + " turns the rule off (default ${DEFAULT-VALUE}).")
    double spatialMargin = DEFAULTS.spatialMargin();

    @Option(
            names = "--context-window",
            paramLabel = "N",
            description =
                    "Points before each point whose level and spread the isolation forest also"
                            + " splits on; 0 gives it neither (default ${DEFAULT-VALUE}).")
    int contextWindow = DEFAULTS.contextWindow();

    @Option(
            names = "--precedent",
            paramLabel = "C",
            description =
                    "A member's judgement of a value its long window holds k times at least as"
                            + " high among n is at most C * log10(n / k) digits; 0 sets no cap"
                            + " (default ${DEFAULT-VALUE}).")
    double precedent = DEFAULTS.precedent();

    @Option(
            names = "--hour-scale-window",
            paramLabel = "N",
            description =
                    "Residuals the seasonal member keeps per hour of the day, whose spread is the"
                            + " least noise a point of that hour is judged against; 0 keeps none"
                            + " (default ${DEFAULT-VALUE}).")
    int hourScaleWindow = SEASONAL.hourScaleWindow();

    @Option(
            names = "--forest-seed",
            paramLabel = "SEED",
            description =
                    "Seed of the isolation forest's subsamples and splits (default"
                            + " ${DEFAULT-VALUE}).")
    long forestSeed = FOREST.seed();

    /** The ensemble's forest as these options give it. */
    IsolationForestStrategy.Config forest() {
        return FOREST.withSeed(forestSeed);
    }

    /**
     * The ensemble's seasonal member as these options give it.
     *
     * @throws IllegalArgumentException naming the value the member refuses
     */
    SeasonalStrategy.Config seasonal() {
        return SEASONAL.withHourScaleWindow(hourScaleWindow);
    }

    /**
     * The configuration these options give.
     *
     * @throws IllegalArgumentException naming the value the ensemble refuses
     */
    EnsembleStrategy.Config config() {
        return new EnsembleStrategy.Config(
                DEFAULTS.sensitivity(),
                shortWindow,
                longWindow,
                minHistory,
                spatialMargin,
                onsetWindow,
                DEFAULTS.calibrate(),
                corroboration,
                certainDigits,
                horizons,
                contextWindow,
                precedent);
    }

    /** One line for a report: every value an option sets. */
    static String describe(
            EnsembleStrategy.Config c,
            IsolationForestStrategy.Config forest,
            SeasonalStrategy.Config seasonal) {
        return String.format(
                java.util.Locale.ROOT,
                "short window %d, long window %,d in %d horizon%s, %d to warm up, corroboration %s,"
                        + " onset window %d, certain at %s digits, new-extreme margin %s, context"
                        + " window %d, precedent %s, hour scale window %d, forest seed %d",
                c.shortWindow(),
                c.longWindow(),
                c.horizons(),
                c.horizons() == 1 ? "" : "s",
                c.minHistory(),
                plain(c.corroboration()),
                c.onsetWindow(),
                plain(c.certainDigits()),
                plain(c.spatialMargin()),
                c.contextWindow(),
                plain(c.precedent()),
                seasonal.hourScaleWindow(),
                forest.seed());
    }

    /** 12 rather than 12.0, 0.7 as it is. */
    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
