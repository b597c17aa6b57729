package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
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
 *
 * <p>With several {@code horizons}, the normal is fitted over the last quarter, half, three
 * quarters and all of the long window (for four), and a value is as unusual as it is against the
 * horizon that finds it least so. A detector that has scored higher for the last few days (a tweet
 * count through a busy week) is judged against those days as well as the weeks, so its new usual is
 * not news at every point; one that has been steady throughout is judged about as against the whole
 * window, the horizons agreeing. The judgement is never surer than the whole window's alone.
 *
 * <p>A normal's tail is thin, and the averaged scores of a bursty series are not: a tweet count
 * that jumps every few days gives its members averages five or six deviations above their mean
 * about as often, each of them ten digits for the normal. With a {@code precedent} factor c, a
 * value the long window already holds k times at least as high among the n it remembers is judged
 * at most {@code c * log10(n / k)} digits, c times the digits of its rarity there: at 4 and a full
 * window of 4,000, 14.4 digits for a value that has one precedent, 12 for four and 8 for 40. A
 * value above everything remembered has no precedent and keeps the normal's judgement, however many
 * digits.
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

    /** The precedent factor; 0 leaves the normal's judgement uncapped. */
    private final double precedent;

    private int sinceFit = Integer.MAX_VALUE;

    /** Per horizon, shortest first: the fitted normal's mean and standard deviation. */
    private final double[] means;

    private final double[] stds;

    /** The judge Java serialization read, which {@link #readResolve} puts in this shell's place. */
    private transient ScoreLikelihood resolved;

    /**
     * @param shortWindow raw scores averaged into the judged value
     * @param longWindow averaged values the normal fit is made on
     * @param minHistory averaged values needed before the first judgement
     * @param refitEvery points between refits of the normal
     * @param tails whether the raw scores are tail probabilities, judged as surprises
     * @param horizons how many nested stretches of the long window a value is judged against, the
     *     shortest {@code longWindow / horizons} long; 1 judges it against the whole window only
     * @param precedent the factor c of the cap on a value with precedents, {@code c * log10(n / k)}
     *     digits; 0 sets no cap
     */
    ScoreLikelihood(
            int shortWindow,
            int longWindow,
            int minHistory,
            int refitEvery,
            boolean tails,
            int horizons,
            double precedent) {
        this(
                new RecentValues(shortWindow),
                new RecentValues(longWindow),
                minHistory,
                refitEvery,
                tails,
                horizons,
                precedent);
    }

    private ScoreLikelihood(
            RecentValues shortTerm,
            RecentValues longTerm,
            int minHistory,
            int refitEvery,
            boolean tails,
            int horizons,
            double precedent) {
        this.shortTerm = shortTerm;
        this.longTerm = longTerm;
        this.minHistory = minHistory;
        this.refitEvery = refitEvery;
        this.tails = tails;
        if (horizons < 1 || horizons > longTerm.capacity()) {
            throw new IllegalArgumentException(
                    "horizons must be in [1, " + longTerm.capacity() + "], was " + horizons);
        }
        if (!(precedent >= 0 && precedent < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "precedent must be 0 (no cap) or a finite factor above it, was " + precedent);
        }
        this.precedent = precedent;
        this.means = new double[horizons];
        this.stds = new double[horizons];
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
     * likelihood of 0.999, at most {@link #MAX_DIGITS}); NaN while warming up. Against several
     * horizons, the fewest digits any of them gives; with a precedent factor, at most that factor
     * times the digits of the value's rarity in the long window.
     */
    double update(double raw) {
        shortTerm.add(tails ? surprise(raw) : raw);
        double averaged = shortTerm.mean();
        double result = Double.NaN;
        if (longTerm.size() >= minHistory) {
            if (sinceFit >= refitEvery) {
                fit();
            }
            double z = Double.POSITIVE_INFINITY;
            for (int h = 0; h < means.length; h++) {
                z = Math.min(z, (averaged - means[h]) / stds[h]);
            }
            // Upper tail only: a detector suddenly calmer than usual is no anomaly.
            result = z <= 0 ? 0 : Math.min(digits(Erf.erfc(z / Math.sqrt(2))), cap(averaged));
            sinceFit++;
        }
        longTerm.add(averaged);
        return result;
    }

    /**
     * The most digits {@code averaged} may be judged, given how many remembered values are at least
     * as high: unbounded without a precedent factor or a precedent.
     */
    private double cap(double averaged) {
        if (precedent == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int precedents = longTerm.countAtLeast(averaged);
        return precedents == 0
                ? Double.POSITIVE_INFINITY
                : precedent * Math.log10((double) longTerm.size() / precedents);
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
        out.writeInt(means.length);
        out.writeDouble(precedent);
        out.writeInt(sinceFit);
        for (int h = 0; h < means.length; h++) {
            out.writeDouble(means[h]);
            out.writeDouble(stds[h]);
        }
    }

    /**
     * Reads the form {@link #writeTo} wrote, or that of binary {@code version} 1 or 2, which judged
     * against one horizon, or of versions 1 to 4, which set no cap on values with precedents.
     */
    static ScoreLikelihood readFrom(DataInput in, int version) throws IOException {
        RecentValues shortTerm = RecentValues.readFrom(in);
        RecentValues longTerm = RecentValues.readFrom(in);
        int minHistory = in.readInt();
        int refitEvery = in.readInt();
        boolean tails = in.readBoolean();
        int horizons = version < 3 ? 1 : in.readInt();
        double precedent = version < 5 ? 0 : in.readDouble();
        ScoreLikelihood l =
                DetectorCodec.valid(
                        () ->
                                new ScoreLikelihood(
                                        shortTerm,
                                        longTerm,
                                        minHistory,
                                        refitEvery,
                                        tails,
                                        horizons,
                                        precedent));
        l.sinceFit = in.readInt();
        for (int h = 0; h < horizons; h++) {
            l.means[h] = in.readDouble();
            l.stds[h] = in.readDouble();
        }
        return l;
    }

    /**
     * Reads the judge Java serialization wrote, by this build or by one before horizons, which kept
     * one mean and deviation ({@code mean}, {@code std}): read as one horizon; by one before
     * precedents, read without a cap. The judge is built through the constructor, so its checks
     * hold for the bytes of a model row too, and {@link #readResolve} hands it out in place of this
     * shell.
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        ObjectInputStream.GetField f = in.readFields();
        boolean oneHorizon = f.getObjectStreamClass().getField("means") == null;
        double[] fittedMeans =
                oneHorizon ? new double[] {f.get("mean", 0.0)} : (double[]) f.get("means", null);
        double[] fittedStds =
                oneHorizon ? new double[] {f.get("std", 0.0)} : (double[]) f.get("stds", null);
        RecentValues shortTerm = (RecentValues) f.get("shortTerm", null);
        RecentValues longTerm = (RecentValues) f.get("longTerm", null);
        if (shortTerm == null
                || longTerm == null
                || fittedMeans == null
                || fittedStds == null
                || fittedMeans.length != fittedStds.length) {
            throw new InvalidObjectException(
                    "a judge without its windows or one mean and deviation a horizon");
        }
        try {
            resolved =
                    new ScoreLikelihood(
                            shortTerm,
                            longTerm,
                            f.get("minHistory", 0),
                            f.get("refitEvery", 0),
                            f.get("tails", false),
                            fittedMeans.length,
                            f.get("precedent", 0.0));
        } catch (IllegalArgumentException e) {
            InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
        resolved.sinceFit = f.get("sinceFit", 0);
        System.arraycopy(fittedMeans, 0, resolved.means, 0, fittedMeans.length);
        System.arraycopy(fittedStds, 0, resolved.stds, 0, fittedStds.length);
    }

    private Object readResolve() {
        return resolved;
    }

    /**
     * Fits the normal of each horizon: horizon {@code h} of {@code H} covers the newest {@code
     * longWindow * (h + 1) / H} values, or all of them while fewer are remembered.
     */
    private void fit() {
        double[] values = longTerm.toArray();
        for (int h = 0; h < means.length; h++) {
            int length =
                    (int)
                            Math.min(
                                    values.length,
                                    (long) longTerm.capacity() * (h + 1) / means.length);
            int from = values.length - length;
            double sum = 0;
            for (int i = from; i < values.length; i++) {
                sum += values[i];
            }
            double mean = sum / length;
            double squares = 0;
            for (int i = from; i < values.length; i++) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
            means[h] = mean;
            stds[h] = Math.max(Math.sqrt(squares / length), MIN_STD);
        }
        sinceFit = 0;
    }
}
