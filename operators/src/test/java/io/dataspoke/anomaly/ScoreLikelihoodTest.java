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
            ScoreLikelihood likelihood = new ScoreLikelihood(1, 2000, 150, 75, false, 1, 0);
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

    /**
     * Judged against four horizons, a score counts as unusual only as far as the least surprised
     * horizon finds it: its digits are the fewest of four one-horizon judges that saw only the last
     * 1,000, 2,000, 3,000 and 4,000 scores. A detector said about 0.1 for 3,000 points and about
     * 0.5 for the last 1,000; 0.6 is then beyond the whole window's normal and the last quarter's,
     * and least beyond the last half's, whose even mixture of both levels is widest.
     */
    @Test
    void severalHorizonsGiveTheDigitsOfTheLeastSurprisedOne() {
        ScoreLikelihood quarters = new ScoreLikelihood(1, 4000, 100, 1, false, 4, 0);
        ScoreLikelihood[] alone = new ScoreLikelihood[4];
        for (int h = 0; h < 4; h++) {
            alone[h] = new ScoreLikelihood(1, 1000 * (h + 1), 100, 1, false, 1, 0);
        }
        Random random = new Random(7);
        for (int i = 0; i < 4000; i++) {
            double raw = (i < 3000 ? 0.1 : 0.5) + 0.02 * random.nextGaussian();
            quarters.update(raw);
            for (int h = 0; h < 4; h++) {
                if (i >= 4000 - 1000 * (h + 1)) {
                    alone[h].update(raw);
                }
            }
        }
        double[] digits = new double[4];
        for (int h = 0; h < 4; h++) {
            digits[h] = alone[h].update(0.6);
        }
        double judged = quarters.update(0.6);
        assertEquals(java.util.Arrays.stream(digits).min().orElseThrow(), judged, 1e-12);
        assertEquals(digits[1], judged, 1e-12, "the last half is the least surprised");
        assertTrue(judged > 0.5, "still unusual: " + judged);
        assertTrue(digits[0] > 2 * judged, "last quarter " + digits[0] + " against " + judged);
        assertTrue(digits[3] > 1.5 * judged, "whole window " + digits[3] + " against " + judged);
    }

    /**
     * A judge whose four horizons disagree (the level shift above) and whose judgements are capped
     * by precedents, written mid-series in the binary form and in Java serialization, judges the
     * next points exactly as the original.
     */
    @Test
    void aJudgeOfFourHorizonsSurvivesBothForms() throws Exception {
        ScoreLikelihood original = new ScoreLikelihood(10, 4000, 100, 50, true, 4, 4);
        ScoreLikelihood wholeWindow = new ScoreLikelihood(10, 4000, 100, 50, true, 1, 0);
        Random random = new Random(8);
        for (int i = 0; i < 4520; i++) {
            double raw = i < 3500 ? 0.9 * random.nextDouble() : 1 - 1e-6 * random.nextDouble();
            original.update(raw);
            wholeWindow.update(raw);
        }
        java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        original.writeTo(new java.io.DataOutputStream(binary));
        ScoreLikelihood fromBinary =
                ScoreLikelihood.readFrom(
                        new java.io.DataInputStream(
                                new java.io.ByteArrayInputStream(binary.toByteArray())),
                        5);
        java.io.ByteArrayOutputStream java = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(java)) {
            out.writeObject(original);
        }
        ScoreLikelihood fromJava;
        try (var in =
                new java.io.ObjectInputStream(
                        new java.io.ByteArrayInputStream(java.toByteArray()))) {
            fromJava = (ScoreLikelihood) in.readObject();
        }
        double differences = 0;
        for (int i = 0; i < 200; i++) {
            double raw = 1 - Math.pow(10, -3 - 9 * random.nextDouble());
            double expected = original.update(raw);
            assertEquals(expected, fromBinary.update(raw), "binary, point " + i);
            assertEquals(expected, fromJava.update(raw), "Java, point " + i);
            differences += Math.abs(expected - wholeWindow.update(raw));
        }
        assertTrue(differences > 0, "the horizons disagree with the whole window");
    }

    /**
     * A burst the detector has scored eight times in its 4,000 remembered scores is news to the
     * normal, which puts it over 50 digits, and no news to a judge with precedents: 4 times the
     * digits of its rarity there, {@code 4 * log10(4000 / 8)}, 10.8. A burst above all eight has no
     * precedent and keeps the normal's judgement.
     */
    @Test
    void aSurpriseWithPrecedentsIsCappedByItsRarity() {
        ScoreLikelihood capped = new ScoreLikelihood(1, 4000, 100, 50, false, 1, 4);
        ScoreLikelihood normal = new ScoreLikelihood(1, 4000, 100, 50, false, 1, 0);
        Random random = new Random(9);
        for (int i = 1; i <= 4000; i++) {
            double raw = i % 500 == 0 ? 0.9 : 0.1 + 0.01 * random.nextGaussian();
            capped.update(raw);
            normal.update(raw);
        }
        double uncapped = normal.update(0.9);
        assertTrue(uncapped > 50, "the normal's digits: " + uncapped);
        assertEquals(4 * Math.log10(4000.0 / 8), capped.update(0.9), 1e-9);
        double higher = normal.update(0.95);
        assertTrue(higher > uncapped, higher + " against " + uncapped);
        assertEquals(higher, capped.update(0.95), "no precedent, no cap");
    }

    /** A negative, infinite or undefined precedent factor is refused. */
    @Test
    void aPrecedentFactorThatIsNoFactorIsRefused() {
        for (double factor : new double[] {-1, Double.POSITIVE_INFINITY, Double.NaN}) {
            IllegalArgumentException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalArgumentException.class,
                            () -> new ScoreLikelihood(1, 4000, 100, 50, false, 1, factor));
            assertTrue(e.getMessage().contains("precedent must be 0"), e.getMessage());
        }
    }

    /** The judgement, in digits, after ten points of 1 - 1e-12 that follow 600 ordinary ones. */
    private static double judgeStretch(boolean tails) {
        ScoreLikelihood likelihood = new ScoreLikelihood(10, 2000, 150, 75, tails, 1, 0);
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
