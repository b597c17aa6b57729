package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

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

    @Test
    void aPointOfAnotherShapeIsRefused() {
        IsolationForestStrategy forest = new IsolationForestStrategy();
        forest.score(new Point(0, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> forest.score(Point.of(1, 1)));
    }
}
