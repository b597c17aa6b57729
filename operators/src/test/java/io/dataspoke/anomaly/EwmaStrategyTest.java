package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EwmaStrategyTest {

    @Test
    void warmsUpThenFlagsAJumpButNotTheNoise() {
        EwmaStrategy ewma = new EwmaStrategy(0.05, 30);
        Random random = new Random(1);
        int loud = 0;
        for (int i = 0; i < 500; i++) {
            AnomalyScore s = ewma.score(Point.of(i, 100 + 5 * random.nextGaussian()));
            assertEquals(i < 30, s.warmingUp(), "point " + i);
            if (!s.warmingUp() && s.score() > 0.999) {
                loud++;
            }
        }
        // z > 3.3 is one point in a thousand under normal noise.
        assertTrue(loud <= 3, loud + " noise points scored above 0.999");
        AnomalyScore jump = ewma.score(Point.of(500, 160));
        assertTrue(jump.score() > 0.999999, "a 12-sigma jump scored " + jump.score());
        assertEquals(100, jump.expected(), 2);
    }

    @Test
    void aScoreNeverDependsOnLaterPoints() {
        Random random = new Random(2);
        double[] values = random.doubles(300).toArray();
        EwmaStrategy shortRun = new EwmaStrategy();
        EwmaStrategy longRun = new EwmaStrategy();
        for (int i = 0; i < 200; i++) {
            assertEquals(
                    longRun.score(Point.of(i, values[i])), shortRun.score(Point.of(i, values[i])));
        }
        for (int i = 200; i < 300; i++) {
            longRun.score(Point.of(i, values[i]));
        }
        assertFalse(Double.isNaN(longRun.zScore(0.5)));
    }

    @Test
    void aFlatSeriesIsNotAlarmedByRoundingButIsByAStep() {
        EwmaStrategy ewma = new EwmaStrategy();
        for (int i = 0; i < 100; i++) {
            ewma.score(Point.of(i, 42.0));
        }
        assertTrue(ewma.score(Point.of(100, 42.0 + 1e-9)).score() < 0.01);
        assertTrue(ewma.score(Point.of(101, 50.0)).score() > 0.999);
    }
}
