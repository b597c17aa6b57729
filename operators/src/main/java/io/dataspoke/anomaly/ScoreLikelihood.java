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
 * at once. Output is in [0, 1]; 0 while the long-term fit has too little history.
 */
final class ScoreLikelihood implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final double MIN_STD = 0.03;

    private final RecentValues shortTerm;
    private final RecentValues longTerm;
    private final int minHistory;
    private final int refitEvery;
    private int sinceFit = Integer.MAX_VALUE;
    private double mean;
    private double std;

    /**
     * @param shortWindow raw scores averaged into the judged value
     * @param longWindow averaged values the normal fit is made on
     * @param minHistory averaged values needed before the first judgement
     * @param refitEvery points between refits of the normal
     */
    ScoreLikelihood(int shortWindow, int longWindow, int minHistory, int refitEvery) {
        this(new RecentValues(shortWindow), new RecentValues(longWindow), minHistory, refitEvery);
    }

    private ScoreLikelihood(
            RecentValues shortTerm, RecentValues longTerm, int minHistory, int refitEvery) {
        this.shortTerm = shortTerm;
        this.longTerm = longTerm;
        this.minHistory = minHistory;
        this.refitEvery = refitEvery;
    }

    /** Judges the averaged score including {@code raw}, then learns it; NaN while warming up. */
    double update(double raw) {
        shortTerm.add(raw);
        double averaged = shortTerm.mean();
        double result = Double.NaN;
        if (longTerm.size() >= minHistory) {
            if (sinceFit >= refitEvery) {
                fit();
            }
            double z = (averaged - mean) / std;
            // Upper tail only: a detector suddenly calmer than usual is no anomaly.
            result = z <= 0 ? 0 : Erf.erf(z / Math.sqrt(2));
            sinceFit++;
        }
        longTerm.add(averaged);
        return result;
    }

    void writeTo(DataOutput out) throws IOException {
        shortTerm.writeTo(out);
        longTerm.writeTo(out);
        out.writeInt(minHistory);
        out.writeInt(refitEvery);
        out.writeInt(sinceFit);
        out.writeDouble(mean);
        out.writeDouble(std);
    }

    static ScoreLikelihood readFrom(DataInput in) throws IOException {
        RecentValues shortTerm = RecentValues.readFrom(in);
        RecentValues longTerm = RecentValues.readFrom(in);
        ScoreLikelihood l = new ScoreLikelihood(shortTerm, longTerm, in.readInt(), in.readInt());
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
