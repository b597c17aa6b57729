package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleStrategyTest {

    @Test
    void warmUpIsVisibleAndAJumpScoresNearOne() {
        EnsembleStrategy ensemble = new EnsembleStrategy();
        Random random = new Random(8);
        boolean warmedUp = false;
        int firstVote = -1;
        for (int i = 0; i < 1500; i++) {
            AnomalyScore s = ensemble.score(Point.of(i * 300_000L, 50 + random.nextGaussian()));
            assertTrue(s.score() >= 0 && s.score() <= 1);
            if (!s.warmingUp() && firstVote < 0) {
                firstVote = i;
            }
            warmedUp |= !s.warmingUp();
        }
        assertTrue(warmedUp);
        assertTrue(firstVote > 0, "the first points must be marked warming up");
        AnomalyScore jump = ensemble.score(Point.of(1500 * 300_000L, 50));
        assertTrue(jump.score() < 0.99, "an ordinary point scored " + jump.score());
        AnomalyScore spike = ensemble.score(Point.of(1501 * 300_000L, 80));
        assertEquals(1.0, spike.score(), 1e-9, "a value far outside the seen range");
        assertEquals(3, ensemble.lastVotes().size());
    }

    /**
     * A level shift lasting twenty points: with the onset cap its first point keeps its score and
     * the later ones, scoring no higher than it, are capped; without (and without the precedent
     * cap, to which the shift's earlier points are precedents of its later ones), every point keeps
     * its own.
     */
    @Test
    void aLastingAnomalyIsReportedAtItsOnset() {
        double[] onsets = shifted(EnsembleStrategy.Config.defaults());
        double[] every =
                shifted(EnsembleStrategy.Config.defaults().withOnsetWindow(0).withPrecedent(0));
        assertEquals(1.0, onsets[400], 1e-12, "the shift's first point is a new extreme");
        for (int i = 401; i < 420; i++) {
            assertEquals(1.0, every[i], 1e-12, "uncapped, point " + i + " keeps its score");
            assertTrue(onsets[i] <= EnsembleStrategy.ONSET_CAP, "point " + i + " " + onsets[i]);
        }
    }

    /**
     * Noise around 10 goes quiet for 300 points, every value inside the usual range: the forest
     * given the spread of the 48 points before each point finds the calm odd, the forest without
     * that context does not.
     */
    @Test
    void theForestGivenContextFindsASeriesGoneQuiet() {
        double withContext = quietSpell(EnsembleStrategy.Config.defaults());
        double without = quietSpell(EnsembleStrategy.Config.defaults().withContextWindow(0));
        assertTrue(withContext > 0.9999, "with context the calm scored " + withContext);
        assertTrue(without < 0.999, "without context the calm scored " + without);
    }

    /** The highest score of a forest-only ensemble over the quiet spell. */
    private static double quietSpell(EnsembleStrategy.Config config) {
        EnsembleStrategy e =
                new EnsembleStrategy(config, java.util.List.of(IsolationForestStrategy::new));
        Random random = new Random(12);
        double highest = 0;
        for (int i = 0; i < 3300; i++) {
            double noise = i < 3000 ? random.nextGaussian() : 0.01 * random.nextGaussian();
            double score = e.score(Point.of(i * 300_000L, 10 + noise)).score();
            if (i >= 3000) {
                highest = Math.max(highest, score);
            }
        }
        return highest;
    }

    /** 400 points of noise around 10, then 20 at 40. */
    private static double[] shifted(EnsembleStrategy.Config config) {
        EnsembleStrategy e = new EnsembleStrategy(config, java.util.List.of(EwmaStrategy::new));
        Random random = new Random(10);
        double[] out = new double[420];
        for (int i = 0; i < out.length; i++) {
            double x = i < 400 ? 10 + random.nextGaussian() : 40 + random.nextGaussian();
            out[i] = e.score(Point.of(i * 300_000L, x)).score();
        }
        return out;
    }

    /**
     * Two members, uncalibrated so that their scores count as they are: the forest-like one says
     * 0.99 (two digits), the other 0.999 (three). Alone the strongest counts; corroborated at 0.7
     * the point is 3 + 0.7 * 2 = 4.4 digits sure.
     */
    @Test
    void membersThatAgreeCorroborateTheStrongest() {
        EnsembleStrategy.Config config =
                EnsembleStrategy.Config.defaults()
                        .withCalibration(false)
                        .withSpatialMargin(-1)
                        .withOnsetWindow(0);
        assertEquals(0.999, agreeing(config.withCorroboration(0)), 1e-12);
        assertEquals(1 - Math.pow(10, -4.4), agreeing(config.withCorroboration(0.7)), 1e-12);
        assertEquals(
                1 - Math.pow(10, -3),
                scripted(config.withCorroboration(0.7), new double[] {0.999}, new double[] {0})[0],
                1e-12,
                "a member that sees nothing adds nothing");
    }

    private static double agreeing(EnsembleStrategy.Config config) {
        return scripted(config, new double[] {0.99}, new double[] {0.999})[0];
    }

    /**
     * A run that grows surer point by point: 1, 13, 15 and 20 digits. Every new high is an onset
     * without a ceiling; certain at 12 digits, the run is reported once, at 13, and its surer
     * points are capped like any other later point of it.
     */
    @Test
    void aRunPastTheCertainDigitsIsReportedOnce() {
        double[] run = {0.9, 1 - 1e-13, 1 - 1e-15, 1 - 1e-20};
        EnsembleStrategy.Config config =
                EnsembleStrategy.Config.defaults().withCalibration(false).withSpatialMargin(-1);
        double[] ceiling = scripted(config.withCertainDigits(12), run);
        double[] none = scripted(config.withCertainDigits(0), run);
        assertEquals(0.9, ceiling[0], 1e-12);
        assertEquals(1 - 1e-13, ceiling[1], 1e-16);
        assertEquals(EnsembleStrategy.ONSET_CAP, ceiling[2], 1e-12);
        assertEquals(EnsembleStrategy.ONSET_CAP, ceiling[3], 1e-12);
        assertEquals(1 - 1e-15, none[2], 1e-16, "without a ceiling a new high is an onset");
        assertEquals(1.0, none[3], 1e-16);
    }

    /** The ensemble's scores over members that say the given scores, point by point. */
    private static double[] scripted(EnsembleStrategy.Config config, double[]... memberScores) {
        java.util.List<java.util.function.Supplier<AnomalyStrategy>> members =
                new java.util.ArrayList<>();
        for (double[] scores : memberScores) {
            members.add(() -> new Scripted(scores));
        }
        EnsembleStrategy e = new EnsembleStrategy(config, members);
        double[] out = new double[memberScores[0].length];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.score(Point.of(i, 1)).score();
        }
        return out;
    }

    /** A member that says what it is told to, one score per point. */
    private static final class Scripted implements AnomalyStrategy {
        private final double[] scores;
        private int next;

        Scripted(double[] scores) {
            this.scores = scores;
        }

        @Override
        public AnomalyScore score(Point point) {
            return AnomalyScore.of(scores[next++], Double.NaN);
        }

        @Override
        public String name() {
            return "scripted";
        }
    }

    /**
     * Beyond one, every horizon must hold the history a first judgement needs: 4,000 / 40 does, /
     * 41 not. 0 is one horizon, as configurations Java-serialized before horizons read; a window or
     * warm-up below 1 is refused.
     */
    @Test
    void horizonsShorterThanTheWarmUpAndEmptyWindowsAreRefused() {
        EnsembleStrategy.Config defaults = EnsembleStrategy.Config.defaults();
        assertEquals(40, defaults.withHorizons(40).horizons());
        assertEquals(1, defaults.withHorizons(0).horizons());
        for (int horizons : new int[] {-1, 41}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> defaults.withHorizons(horizons));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "horizons must be 1, or at most longWindow / minHistory = 40,"
                                            + " was "
                                            + horizons),
                    e.getMessage());
        }
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new EnsembleStrategy.Config(
                                        0.5, 0, 4000, 100, 0.05, 20, true, 0.7, 12, 4, 48, 4));
        assertTrue(
                empty.getMessage()
                        .contains("shortWindow, longWindow and minHistory must be 1 or more"),
                empty.getMessage());
    }

    @Test
    void sensitivityRaisesScoresWithoutReorderingThem() {
        double[] low = scores(0.3);
        double[] neutral = scores(0.5);
        double[] high = scores(0.8);
        for (int i = 0; i < neutral.length; i++) {
            assertTrue(low[i] <= neutral[i] && neutral[i] <= high[i], "point " + i);
            for (int j = 0; j < i; j++) {
                assertEquals(
                        Double.compare(neutral[i], neutral[j]),
                        Double.compare(high[i], high[j]),
                        "points " + j + ", " + i);
            }
        }
    }

    private static double[] scores(double sensitivity) {
        EnsembleStrategy e =
                new EnsembleStrategy(
                        EnsembleStrategy.Config.defaults().withSensitivity(sensitivity),
                        java.util.List.of(EwmaStrategy::new));
        Random random = new Random(9);
        double[] out = new double[400];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.score(Point.of(i, 10 + random.nextGaussian())).score();
        }
        return out;
    }
}
