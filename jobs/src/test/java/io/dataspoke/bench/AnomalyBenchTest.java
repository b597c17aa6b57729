package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.anomaly.Point;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The anomaly bench on four days of points with one warm-up and one counted round: every detector
 * and model is measured, the ratios are those of the rates, and the JSON carries them. Figures are
 * only checked for consistency here; their values belong in docs/benchmarks.md.
 */
class AnomalyBenchTest {

    /** Four days: the daily profile votes from the fourth, the weekly one never. */
    private static final int FOUR_DAYS = 4 * 288;

    @Test
    void measuresEveryDetectorAndModel() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        AnomalyBenchResult result =
                AnomalyBench.run(
                        new AnomalyBench.Options(FOUR_DAYS, 1, 1, 7, 2, 4),
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.points()).isEqualTo(FOUR_DAYS);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.roundTrips()).isEqualTo(2);
        assertThat(result.restoredPoints()).isEqualTo(4);
        assertThat(result.detectors())
                .extracting(AnomalyBenchResult.Detector::name)
                .containsExactly(
                        "ewma",
                        "seasonal",
                        "isolation-forest",
                        "ensemble",
                        "rows_written",
                        "profile");
        AnomalyBenchResult.Detector ensemble = result.detectors().get(3);
        for (AnomalyBenchResult.Detector d : result.detectors()) {
            assertPositiveSpread(d.name(), d.pointsPerSecond());
            assertPositiveSpread(d.name() + " per CPU second", d.pointsPerCpuSecond());
            assertThat(d.ratioToEnsemble())
                    .as(d.name())
                    .isCloseTo(
                            d.pointsPerSecond().median() / ensemble.pointsPerSecond().median(),
                            Offset.offset(1e-9));
            assertThat(d.cpuRatioToEnsemble())
                    .as(d.name())
                    .isCloseTo(
                            d.pointsPerCpuSecond().median()
                                    / ensemble.pointsPerCpuSecond().median(),
                            Offset.offset(1e-9));
        }
        assertThat(ensemble.ratioToEnsemble()).isEqualTo(1.0);
        assertThat(ensemble.cpuRatioToEnsemble()).isEqualTo(1.0);
        // No forest of its own draws splits: these repeat exactly, round after round.
        assertThat(result.detectors())
                .filteredOn(d -> List.of("ewma", "seasonal", "rows_written").contains(d.name()))
                .allSatisfy(d -> assertThat(d.sameScoresEveryRound()).as(d.name()).isTrue());
        // Scores were summed: every detector voted but rows_written, which waits for two weeks.
        assertThat(result.detectors())
                .filteredOn(d -> !d.name().equals("rows_written"))
                .allSatisfy(d -> assertThat(d.scoreSum()).as(d.name()).isPositive());
        assertThat(result.detectors().get(4).scoreSum()).isZero();

        assertThat(result.models())
                .extracting(AnomalyBenchResult.Model::name)
                .containsExactly("ensemble", "rows_written", "profile");
        for (AnomalyBenchResult.Model m : result.models()) {
            AnomalyBenchResult.Detector d =
                    result.detectors().stream()
                            .filter(x -> x.name().equals(m.name()))
                            .findFirst()
                            .orElseThrow();
            assertThat(m.bytes()).as(m.name()).isPositive();
            assertPositiveSpread(m.name() + " round trips", m.roundTripsPerSecond());
            assertPositiveSpread(m.name() + " round trips per CPU s", m.roundTripsPerCpuSecond());
            assertPositiveSpread(m.name() + " via state", m.restoredPointsPerSecond());
            assertPositiveSpread(m.name() + " via state per CPU s", m.restoredPointsPerCpuSecond());
            assertThat(m.pointsPerRoundTrip())
                    .as(m.name())
                    .isCloseTo(
                            d.pointsPerSecond().median() / m.roundTripsPerSecond().median(),
                            Offset.offset(1e-9));
            assertThat(m.restoredRatio())
                    .as(m.name())
                    .isCloseTo(
                            m.restoredPointsPerSecond().median() / d.pointsPerSecond().median(),
                            Offset.offset(1e-12));
        }
        // The forest keeps its window of points, the seasonal detector only slot means.
        assertThat(result.models().get(0).bytes()).isGreaterThan(result.models().get(1).bytes());

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("Warm-up (not counted)", "Round 1", "profile model:")
                .doesNotContain("Round 2");

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("points").asInt()).isEqualTo(FOUR_DAYS);
        assertThat(json.at("/detectors/3/name").asText()).isEqualTo("ensemble");
        assertThat(json.at("/detectors/0/pointsPerSecond/median").asDouble())
                .isEqualTo(result.detectors().get(0).pointsPerSecond().median());
        assertThat(json.at("/detectors/0/ratioToEnsemble").asDouble())
                .isEqualTo(result.detectors().get(0).ratioToEnsemble());
        assertThat(json.at("/detectors/2/sameScoresEveryRound").isBoolean()).isTrue();
        assertThat(json.at("/detectors/5/pointsPerCpuSecond/min").isNumber()).isTrue();
        assertThat(json.at("/models/2/bytes").asInt()).isEqualTo(result.models().get(2).bytes());
        assertThat(json.at("/models/0/restoredPointsPerSecond/max").isNumber()).isTrue();
        assertThat(json.at("/models/1/pointsPerRoundTrip").asDouble())
                .isEqualTo(result.models().get(1).pointsPerRoundTrip());
        assertThat(json.at("/machine/cores").asInt()).isPositive();

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        result.print(new PrintStream(table, true, StandardCharsets.UTF_8));
        assertThat(table.toString(StandardCharsets.UTF_8))
                .contains("isolation-forest", "vs ensemble", "1.00x", "trained model");
    }

    private static void assertPositiveSpread(String what, Spread rate) {
        assertThat(rate.min()).as(what).isPositive().isLessThanOrEqualTo(rate.median());
        assertThat(rate.max()).as(what).isFinite().isGreaterThanOrEqualTo(rate.median());
    }

    @Test
    void theForestReadsTheLagFeaturesTheEnsembleBuilds() {
        AnomalyBench.Series s = AnomalyBench.series(20, 3);

        double[] first = s.lagged()[0].features();
        assertThat(first).containsExactly(s.values()[0].value(), 0, 0);
        double[] fourteenth = s.lagged()[13].features();
        double x = s.values()[13].value();
        double mean = 0;
        for (int i = 1; i <= 12; i++) {
            mean += s.values()[13 - i].value() / 12;
        }
        assertThat(fourteenth[1]).isEqualTo(x - s.values()[12].value());
        assertThat(fourteenth[2]).isCloseTo(x - mean, Offset.offset(1e-6));
        assertThat(s.profiles()[13].dimension()).isEqualTo(3);
        assertThat(s.values()).extracting(Point::epochMillis).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theSeriesIsTheSameForTheSameSeed() {
        assertThat(AnomalyBench.series(500, 9).values())
                .isEqualTo(AnomalyBench.series(500, 9).values());
        assertThat(AnomalyBench.series(500, 9).values())
                .isNotEqualTo(AnomalyBench.series(500, 10).values());
    }

    @Test
    void rejectsAnEmptyRun() {
        assertThatThrownBy(() -> AnomalyBench.Options.defaults().with(100, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnomalyBench.Options(100, 0, 1, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
