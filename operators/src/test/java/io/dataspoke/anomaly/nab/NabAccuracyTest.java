package io.dataspoke.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dataspoke.Fixtures;
import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.SeasonalStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default ensemble's NAB score on the fixture's 34 files, held above numenta HTM's on the same
 * files (73.56 / 66.20 / 77.04, its published per-file results normalised over these files) and
 * near what this build measures (76.16 / 73.35 / 78.77, docs/benchmarks.md): a change to the
 * detectors that costs accuracy fails here rather than in the next benchmark run. The fixture was
 * the development set, so this guards against regressions and says nothing of held-out accuracy.
 */
class NabAccuracyTest {

    @TempDir Path out;

    @Test
    void theDefaultEnsembleScoresAboveHtmOnTheFixture() throws IOException {
        NabReport report = onTheFixture(EnsembleStrategy::new);
        assertThat(report.files()).isEqualTo(34);
        assertThat(report.profile("standard").normalisedScore()).isGreaterThan(76.0);
        assertThat(report.profile("reward_low_FP_rate").normalisedScore()).isGreaterThan(73.0);
        assertThat(report.profile("reward_low_FN_rate").normalisedScore()).isGreaterThan(78.5);
    }

    /**
     * One horizon of 2,000 scores, judged after 150, new extremes 5% beyond the range, the forest
     * given no context, no precedent cap, the seasonal member no noise per hour, is the build
     * before horizons: it scores that build's figures on the fixture (76.91 / 74.99 / 79.27,
     * docs/benchmarks.md), so the ablations against it are of this code, not of a memory of the old
     * one.
     */
    @Test
    void oneHorizonOf2000ScoresWhatTheBuildBeforeHorizonsScored() throws IOException {
        EnsembleStrategy.Config before =
                EnsembleStrategy.Config.defaults()
                        .withHorizons(1)
                        .withLongWindow(2000)
                        .withMinHistory(150)
                        .withSpatialMargin(0.05)
                        .withContextWindow(0)
                        .withPrecedent(0);
        SeasonalStrategy.Config pooledNoise =
                SeasonalStrategy.Config.defaults().withHourScaleWindow(0);
        NabReport report =
                onTheFixture(
                        () ->
                                new EnsembleStrategy(
                                        before,
                                        IsolationForestStrategy.Config.defaults(),
                                        pooledNoise));
        assertThat(report.profile("standard").normalisedScore()).isCloseTo(76.91, within(0.005));
        assertThat(report.profile("reward_low_FP_rate").normalisedScore())
                .isCloseTo(74.99, within(0.005));
        assertThat(report.profile("reward_low_FN_rate").normalisedScore())
                .isCloseTo(79.27, within(0.005));
    }

    private NabReport onTheFixture(Supplier<AnomalyStrategy> detector) throws IOException {
        return NabEvaluation.run(
                Fixtures.path("nab/data"),
                Fixtures.path("nab/labels/combined_windows.json"),
                NabProfile.defaults(),
                out,
                detector);
    }
}
