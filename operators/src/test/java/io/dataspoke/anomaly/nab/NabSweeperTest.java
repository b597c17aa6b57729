package io.dataspoke.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NabSweeper} on values worked out by hand from NAB's sweeper: a 20-row file, rows 0-2 in
 * probation ({@code floor(0.15 * 20) = 3}), one window over rows 8-11 (width 4).
 */
class NabSweeperTest {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime T0 = LocalDateTime.parse("2020-01-01T00:00:00");
    private static final double MAX_TP = 2 / (1 + Math.exp(-5.0)) - 1;

    private final NabSweeper standard = new NabSweeper(NabProfile.STANDARD);

    /** The timestamp of row {@code i}: every five minutes from 2020-01-01 00:00:00. */
    private static String at(int i) {
        return T0.plusMinutes(5L * i).format(FORMAT);
    }

    /** A file of {@code rows} rows with one window over the rows {@code start}-{@code end}. */
    private static NabSeries file(String name, int rows, int start, int end) {
        List<NabRow> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(NabRow.of(at(i), i));
        }
        return new NabSeries(name, data, List.of(NabWindow.parse(at(start), at(end))));
    }

    private static NabSeries file() {
        return file("cat/f.csv", 20, 8, 11);
    }

    /** Anomaly scores of 0.1 except {@code score} at each of {@code rows}. */
    private static double[] detecting(double score, int... rows) {
        double[] scores = new double[20];
        Arrays.fill(scores, 0.1);
        for (int row : rows) {
            scores[row] = score;
        }
        return scores;
    }

    private ThresholdScore at05(NabSweeper sweeper, double[] scores) {
        return sweeper.scoreAt(NabSweeper.sweep(file(), scores), 0.5);
    }

    @Test
    void scaledSigmoidHasNabsKeyValues() {
        assertThat(NabSweeper.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(5e-6));
        assertThat(NabSweeper.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(5e-6));
        assertThat(NabSweeper.scaledSigmoid(0.0)).isEqualTo(0.0);
        assertThat(NabSweeper.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(5e-6));
        // The cut-off is strictly beyond 3: at 3 itself the sigmoid still applies.
        assertThat(NabSweeper.scaledSigmoid(3.0))
                .isEqualTo(2 / (1 + Math.exp(15.0)) - 1)
                .isNotEqualTo(-1.0);
        assertThat(NabSweeper.scaledSigmoid(3.0000001)).isEqualTo(-1.0);
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertThat(NabSweeper.probationLength(20)).isEqualTo(3);
        assertThat(NabSweeper.probationLength(1243)).isEqualTo(186);
        assertThat(NabSweeper.probationLength(4032)).isEqualTo(604);
        assertThat(NabSweeper.probationLength(4999)).isEqualTo(749);
        assertThat(NabSweeper.probationLength(5000)).isEqualTo(750);
        assertThat(NabSweeper.probationLength(22695)).isEqualTo(750);
        assertThat(NabSweeper.probationLength(0)).isZero();
    }

    @Test
    void aDetectionAtTheFirstRowOfAWindowScoresTpWeight() {
        ThresholdScore score = at05(standard, detecting(0.9, 8));

        assertThat(score.score()).isCloseTo(1.0, within(1e-15));
        assertThat(score).extracting("tp", "tn", "fp", "fn").containsExactly(1, 13, 0, 3);
    }

    @Test
    void laterDetectionsInTheSameWindowAddCountsButNoScore() {
        ThresholdScore score = at05(standard, detecting(0.9, 8, 9, 11));

        assertThat(score.score()).isCloseTo(1.0, within(1e-15));
        assertThat(score).extracting("tp", "tn", "fp", "fn").containsExactly(3, 13, 0, 1);
    }

    @Test
    void aDetectionHalfWayIntoAWindowScoresLess() {
        // Row 10 of a window ending at 11 with width 4: position -(11 - 10 + 1) / 4 = -0.5.
        ThresholdScore score = at05(standard, detecting(0.9, 10));

        assertThat(score.score())
                .isCloseTo((2 / (1 + Math.exp(-2.5)) - 1) / MAX_TP, within(1e-15))
                .isCloseTo(0.8597925669, within(1e-10));
    }

    @Test
    void aMissedWindowCostsFnWeight() {
        ThresholdScore score = at05(standard, detecting(0.9));

        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score).extracting("tp", "tn", "fp", "fn").containsExactly(0, 13, 0, 4);
        assertThat(at05(new NabSweeper(NabProfile.REWARD_LOW_FN_RATE), detecting(0.9)).score())
                .isEqualTo(-2.0);
    }

    @Test
    void aFalsePositiveBeforeAnyWindowCostsFpWeight() {
        ThresholdScore score = at05(standard, detecting(0.9, 5, 8));

        assertThat(score.score()).isCloseTo(1.0 - 0.11, within(1e-15));
        assertThat(score).extracting("tp", "tn", "fp", "fn").containsExactly(1, 12, 1, 3);
        assertThat(at05(new NabSweeper(NabProfile.REWARD_LOW_FP_RATE), detecting(0.9, 5)).score())
                .isCloseTo(-0.22 - 1.0, within(1e-15));
    }

    @Test
    void aFalsePositiveJustAfterAWindowCostsLessThanOneFarAfterIt() {
        // Row 12 is 1 row after the window's end, 1 / (4 - 1) window widths.
        double justAfter = at05(standard, detecting(0.9, 12)).score() + 1.0;
        // Row 19 is 8 rows after, 8 / 3 widths: still short of the full cost at 3 widths.
        double farAfter = at05(standard, detecting(0.9, 19)).score() + 1.0;

        assertThat(justAfter)
                .isCloseTo((2 / (1 + Math.exp(5.0 / 3)) - 1) * 0.11, within(1e-15))
                .isCloseTo(-0.0750488, within(1e-7));
        assertThat(farAfter).isCloseTo((2 / (1 + Math.exp(40.0 / 3)) - 1) * 0.11, within(1e-15));
    }

    @Test
    void probationaryRowsAreNeitherCountedNorScored() {
        ThresholdScore score = at05(standard, detecting(0.9, 0, 1, 2));

        assertThat(score.score()).isEqualTo(-1.0);
        assertThat(score.total()).isEqualTo(17);
        assertThat(score).extracting("tp", "tn", "fp", "fn").containsExactly(0, 13, 0, 4);
    }

    @Test
    void theSweepHasOneRecordPerDistinctScoreAfterTheStart() {
        double[] scores = detecting(0.9, 8);
        scores[5] = 0.7;
        scores[6] = 0.7;
        List<ThresholdScore> records =
                standard.scoresByThreshold(List.of(NabSweeper.sweep(file(), scores)));

        assertThat(records)
                .extracting(ThresholdScore::threshold)
                .containsExactly(1.1, 0.9, 0.7, 0.1);
        assertThat(records.get(0).score()).isEqualTo(-1.0);
        assertThat(records.get(1).score()).isCloseTo(1.0, within(1e-15));
        assertThat(records.get(2).score()).isCloseTo(1.0 - 0.22, within(1e-15));
        assertThat(records.get(3)).extracting("tp", "tn", "fp", "fn").containsExactly(4, 0, 13, 0);
    }

    @Test
    void aThresholdDetectsEveryRowAtOrAboveIt() {
        double[] scores = detecting(0.9, 8);
        scores[5] = 0.7;
        SweptSeries swept = NabSweeper.sweep(file(), scores);

        assertThat(standard.scoreAt(swept, 0.7).fp()).isEqualTo(1);
        assertThat(standard.scoreAt(swept, 0.8).fp()).isZero();
        assertThat(standard.scoreAt(swept, 0.8).tp()).isEqualTo(1);
        assertThat(standard.scoreAt(swept, 1.5).tp()).isZero();
        // Below every score NAB has no record; every row is detected.
        assertThat(standard.scoreAt(swept, 0.05)).extracting("tp", "fp").containsExactly(4, 13);
    }

    @Test
    void amongEqualBestScoresTheHighestThresholdWins() {
        // Detecting rows 9 and 11 after row 8 adds no score, so 0.9, 0.8 and 0.7 tie.
        double[] scores = detecting(0.1);
        scores[8] = 0.9;
        scores[9] = 0.8;
        scores[11] = 0.7;
        ThresholdScore best = standard.optimise(List.of(NabSweeper.sweep(file(), scores)));

        assertThat(best.threshold()).isEqualTo(0.9);
        assertThat(best.score()).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void optimisationPoolsFilesAndKeepsTheirWindowsApart() {
        // Both files have a window at the same timestamps; each counts on its own.
        NabSeries a = file("cat/a.csv", 20, 8, 11);
        NabSeries b = file("cat/b.csv", 20, 8, 11);
        double[] scoresA = detecting(0.9, 8);
        double[] scoresB = detecting(0.6, 8, 15);
        List<SweptSeries> swept =
                List.of(NabSweeper.sweep(a, scoresA), NabSweeper.sweep(b, scoresB));

        // At 0.6: both windows detected (+2) and one false positive 4 rows after b's window.
        double falsePositive = (2 / (1 + Math.exp(5 * 4.0 / 3)) - 1) * 0.11;
        ThresholdScore best = standard.optimise(swept);
        assertThat(best.threshold()).isEqualTo(0.6);
        assertThat(best.score()).isCloseTo(2.0 + falsePositive, within(1e-15));
        assertThat(best).extracting("tp", "tn", "fp", "fn").containsExactly(2, 25, 1, 6);
        assertThat(NabSweeper.scoredWindows(swept)).isEqualTo(2);
    }

    @Test
    void normalisationPutsTheNullDetectorAt0AndAPerfectOneAt100() {
        assertThat(standard.normalise(-116, 116)).isEqualTo(0.0);
        assertThat(standard.normalise(116, 116)).isEqualTo(100.0);
        // numenta on the full corpus (thresholds.json) gives final_results.json's scores.
        assertThat(standard.normalise(46.634450197137596, 116)).isCloseTo(70.1011, within(5e-5));
        assertThat(new NabSweeper(NabProfile.REWARD_LOW_FP_RATE).normalise(30.431072517124093, 116))
                .isCloseTo(63.1168, within(5e-5));
        assertThat(new NabSweeper(NabProfile.REWARD_LOW_FN_RATE).normalise(26.634450197137568, 116))
                .isCloseTo(74.3202, within(5e-5));
    }
}
