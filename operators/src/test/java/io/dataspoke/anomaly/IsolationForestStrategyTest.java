package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

class IsolationForestStrategyTest {

    private static Point normal(int i, Random random) {
        // Row count and null ratio of an ordinary load.
        return new Point(
                i,
                new double[] {
                    1000 + 30 * random.nextGaussian(), 0.01 + 0.002 * random.nextGaussian()
                });
    }

    @Test
    void aLoadUnlikeTheOthersIsIsolatedFasterThanOrdinaryOnes() {
        IsolationForestStrategy forest = new IsolationForestStrategy();
        Random random = new Random(5);
        double ordinary = 0;
        int voted = 0;
        for (int i = 0; i < 1000; i++) {
            AnomalyScore s = forest.score(normal(i, random));
            assertEquals(i < 128, s.warmingUp(), "point " + i);
            if (i >= 500) {
                ordinary += s.score();
                voted++;
            }
        }
        // Normal row count, null ratio forty times its usual value.
        AnomalyScore odd = forest.score(new Point(1000, new double[] {1000, 0.4}));
        assertTrue(odd.score() > 0.2, "the odd load scored " + odd.score());
        assertTrue(
                odd.score() > 5 * ordinary / voted,
                "odd " + odd.score() + " vs mean ordinary " + ordinary / voted);
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        IsolationForestStrategy a = new IsolationForestStrategy();
        IsolationForestStrategy b = new IsolationForestStrategy();
        Random ra = new Random(6);
        Random rb = new Random(6);
        for (int i = 0; i < 400; i++) {
            assertEquals(a.score(normal(i, ra)), b.score(normal(i, rb)));
        }
    }

    /**
     * Smile's JVM-wide Gaussian generator caches every second normal it draws; a draw anywhere else
     * in the JVM between two forests must not change the second's trees.
     */
    @Test
    void aGaussianDrawnElsewhereInTheJvmDoesNotChangeTheTrees() {
        double[] first = scores();
        GaussianDistribution.getInstance().rand();
        double[] second = scores();
        GaussianDistribution.getInstance().rand();
        GaussianDistribution.getInstance().rand();
        assertArrayEquals(first, second);
        assertArrayEquals(first, scores());
    }

    @Test
    void clearingTheCachedGaussianLeavesTheSameStateWhateverCameBefore() {
        GaussianDistribution gaussian = GaussianDistribution.getInstance();
        double[][] draws = new double[2][];
        for (int before = 0; before < 2; before++) {
            for (int i = 0; i < before; i++) {
                gaussian.rand();
            }
            IsolationForestStrategy.clearCachedGaussian(gaussian, 99);
            MathEx.setSeed(7);
            draws[before] = new double[] {gaussian.rand(), gaussian.rand(), gaussian.rand()};
        }
        assertArrayEquals(draws[0], draws[1]);
    }

    private static double[] scores() {
        IsolationForestStrategy forest = new IsolationForestStrategy();
        Random random = new Random(8);
        double[] out = new double[300];
        for (int i = 0; i < out.length; i++) {
            out[i] = forest.score(normal(i, random)).score();
        }
        return out;
    }

    @Test
    void aPointOfAnotherShapeIsRefused() {
        IsolationForestStrategy forest = new IsolationForestStrategy();
        forest.score(new Point(0, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> forest.score(Point.of(1, 1)));
    }
}
