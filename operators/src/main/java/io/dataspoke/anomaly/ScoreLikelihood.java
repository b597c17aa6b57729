package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import smile.math.special.Erf;

/**
 * Turns one detector's raw scores into how unusual they are for that detector on this series: the
 * short-term mean of its recent scores against a normal fit of its own long-term behaviour (the
 * "anomaly likelihood" of Ahmad et al., 2017). A detector that scores every night of a seasonal
 * series 0.9 stops alarming once 0.9 is what it always says; one that jumps from 0.1 to 0.9 alarms
 * at once.
 *
 * <p>The judgement is given as {@link #update digits}: how many nines the likelihood has, {@code
 * -log10} of the normal's two-sided tail beyond the averaged score, computed from the tail itself
 * so that it goes on growing where the likelihood {@code 1 - tail} is already 1 in a double. The
 * ensemble adds digits of several members; likelihoods would all have stopped at 1.
 *
 * <p>Scores that are tail probabilities are judged as {@link #surprise surprises}, the decimal
 * digits of their tail: a tail probability crowds every strong deviation just below 1, so a
 * detector that often says 0.999 (a noisy square wave's edges) and a 1 - 1e-12 from a flat line
 * where a wave should be would average alike, and the second would pass unnoticed. Other scores (an
 * isolation forest's) are judged as they are.
 */
final class ScoreLikelihood implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final double MIN_STD = 0.03;

    /** The most digits a judgement has: a tail of 1e-300, near the smallest normal double. */
    static final double MAX_DIGITS = 300;

    private final RecentValues shortTerm;
    private final RecentValues longTerm;
    private final int minHistory;
    private final int refitEvery;
    private final boolean tails;
    private int sinceFit = Integer.MAX_VALUE;
    private double mean;
    private double std;

    /**
     * @param shortWindow raw scores averaged into the judged value
     * @param longWindow averaged values the normal fit is made on
     * @param minHistory averaged values needed before the first judgement
     * @param refitEvery points between refits of the normal
     * @param tails whether the raw scores are tail probabilities, judged as surprises
     */
    ScoreLikelihood(
            int shortWindow, int longWindow, int minHistory, int refitEvery, boolean tails) {
        this(
                new RecentValues(shortWindow),
                new RecentValues(longWindow),
                minHistory,
                refitEvery,
                tails);
    }

    private ScoreLikelihood(
            RecentValues shortTerm,
            RecentValues longTerm,
            int minHistory,
            int refitEvery,
            boolean tails) {
        this.shortTerm = shortTerm;
        this.longTerm = longTerm;
        this.minHistory = minHistory;
        this.refitEvery = refitEvery;
        this.tails = tails;
    }

    /**
     * The digits of {@code raw}'s tail, {@code -log10(1 - raw)}, over the 16 a double resolves: 0
     * for 0, 0.25 for 0.9999, 1 for 1. Monotone, so a detector's ranking of points is kept.
     */
    static double surprise(double raw) {
        return Math.min(-Math.log10(Math.max(1 - raw, 1e-16)), 16) / 16;
    }

    /**
     * Judges the averaged score including {@code raw}, then learns it: the digits of the judgement,
     * {@code -log10} of the two-sided normal tail beyond it (0 at or below the usual, 3 for a
     * likelihood of 0.999, at most {@link #MAX_DIGITS}); NaN while warming up.
     */
    double update(double raw) {
        shortTerm.add(tails ? surprise(raw) : raw);
        double averaged = shortTerm.mean();
        double result = Double.NaN;
        if (longTerm.size() >= minHistory) {
            if (sinceFit >= refitEvery) {
                fit();
            }
            double z = (averaged - mean) / std;
            // Upper tail only: a detector suddenly calmer than usual is no anomaly.
            result = z <= 0 ? 0 : digits(Erf.erfc(z / Math.sqrt(2)));
            sinceFit++;
        }
        longTerm.add(averaged);
        return result;
    }

    /** {@code -log10(tail)}, at most {@link #MAX_DIGITS}. */
    static double digits(double tail) {
        return Math.min(-Math.log10(Math.max(tail, 1e-300)), MAX_DIGITS);
    }

    /** The probability whose digits are {@code digits}: {@code 1 - 10^-digits}. */
    static double probability(double digits) {
        return 1 - Math.pow(10, -digits);
    }

    void writeTo(DataOutput out) throws IOException {
        shortTerm.writeTo(out);
        longTerm.writeTo(out);
        out.writeInt(minHistory);
        out.writeInt(refitEvery);
        out.writeBoolean(tails);
        out.writeInt(sinceFit);
        out.writeDouble(mean);
        out.writeDouble(std);
    }

    static ScoreLikelihood readFrom(DataInput in) throws IOException {
        RecentValues shortTerm = RecentValues.readFrom(in);
        RecentValues longTerm = RecentValues.readFrom(in);
        ScoreLikelihood l =
                new ScoreLikelihood(
                        shortTerm, longTerm, in.readInt(), in.readInt(), in.readBoolean());
        l.sinceFit = in.readInt();
        l.mean = in.readDouble();
        l.std = in.readDouble();
        return l;
    }

    private void fit() {
        double[] values = longTerm.toArray();
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        std = Math.max(Math.sqrt(squares / values.length), MIN_STD);
        sinceFit = 0;
    }
}
