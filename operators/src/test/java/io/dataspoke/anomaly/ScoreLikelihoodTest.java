package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreLikelihoodTest {

    @Test
    void aSurpriseIsTheDigitsOfTheTail() {
        assertEquals(0, ScoreLikelihood.surprise(0), 1e-12);
        assertEquals(0.25, ScoreLikelihood.surprise(0.9999), 1e-9);
        assertEquals(1, ScoreLikelihood.surprise(1), 1e-12);
        assertEquals(1, ScoreLikelihood.surprise(1 - 1e-17), 1e-12);
    }

    /**
     * A detector that mostly says 0.999 (a noisy wave's edges), then says 1 - 1e-12 for a while (a
     * flat line where the wave should be). On tails both are almost 1 and the second is nothing
     * new; on surprises it is twelve digits against three.
     */
    @Test
    void aDeviationFarBeyondTheUsualIsNewsOnlyWhenJudgedAsASurprise() {
        double onTails = judgeStretch(true);
        double onRaw = judgeStretch(false);
        assertTrue(onTails > 1 - 1e-9, "judged as surprises: " + onTails);
        assertTrue(onRaw < 0.999, "judged raw: " + onRaw);
    }

    /** The likelihood after ten points of 1 - 1e-12 that follow 600 ordinary ones. */
    private static double judgeStretch(boolean tails) {
        ScoreLikelihood likelihood = new ScoreLikelihood(10, 2000, 150, 75, tails);
        Random random = new Random(5);
        for (int i = 0; i < 600; i++) {
            likelihood.update(random.nextInt(10) > 0 ? 0.999 : 0.5 * random.nextDouble());
        }
        double last = 0;
        for (int i = 0; i < 10; i++) {
            last = likelihood.update(1 - 1e-12);
        }
        return last;
    }
}
