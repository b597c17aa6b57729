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

    @Test
    void digitsAreTheNinesOfTheLikelihood() {
        assertEquals(3, ScoreLikelihood.digits(1e-3), 1e-12);
        assertEquals(0.999, ScoreLikelihood.probability(3), 1e-15);
        assertEquals(ScoreLikelihood.MAX_DIGITS, ScoreLikelihood.digits(0), 1e-12);
        assertEquals(1.0, ScoreLikelihood.probability(Double.POSITIVE_INFINITY), 0);
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
        assertTrue(onTails > 9, "judged as surprises, digits: " + onTails);
        assertTrue(onRaw < 3, "judged raw, digits: " + onRaw);
    }

    /**
     * Digits go on growing where a likelihood has stopped at 1: a judgement of 40 digits is a
     * likelihood of exactly 1 in a double, yet it stays above one of 20.
     */
    @Test
    void digitsKeepGrowingPastWhatALikelihoodResolves() {
        double[] digits = new double[2];
        double[] jumps = {0.5, 0.9};
        for (int k = 0; k < jumps.length; k++) {
            ScoreLikelihood likelihood = new ScoreLikelihood(1, 2000, 150, 75, false);
            Random random = new Random(6);
            for (int i = 0; i < 600; i++) {
                likelihood.update(0.1 + 0.01 * random.nextGaussian());
            }
            digits[k] = likelihood.update(jumps[k]);
        }
        assertTrue(digits[0] > 16, "the smaller jump, digits: " + digits[0]);
        assertTrue(digits[1] > digits[0], digits[1] + " against " + digits[0]);
        assertEquals(1.0, ScoreLikelihood.probability(digits[0]), 0, "as likelihoods they tie");
    }

    /** The judgement, in digits, after ten points of 1 - 1e-12 that follow 600 ordinary ones. */
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
