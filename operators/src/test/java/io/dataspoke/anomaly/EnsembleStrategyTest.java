package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
