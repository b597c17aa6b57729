package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import smile.math.special.Erf;

/**
 * An online normal model for series without seasonality: exponentially weighted mean and variance,
 * and the two-sided tail of the new point's z-score as its anomaly score ({@code erf(|z|/√2)}, so z
 * = 2 scores 0.95 and z = 3 scores 0.997).
 *
 * <p>Points are learned winsorized (see {@link #CLIP_SIGMAS}). The variance has a floor relative to
 * the mean's magnitude, so a perfectly flat series does not turn every rounding difference into an
 * anomaly.
 */
public final class EwmaStrategy implements AnomalyStrategy {

    private static final long serialVersionUID = 1L;

    /** Smoothing of about the last 100 points; votes after 30. */
    public static final double DEFAULT_ALPHA = 0.02;

    public static final int DEFAULT_MIN_HISTORY = 30;

    private static final double RELATIVE_FLOOR = 1e-3;

    /**
     * Once voting, a point is learned clipped to this many standard deviations of the mean: one
     * outlier barely moves the model, a lasting shift is adopted over some dozen points as the
     * variance grows, instead of being absorbed within a few.
     */
    static final double CLIP_SIGMAS = 3;

    private final double alpha;
    private final int minHistory;
    private final double minScale;
    private long seen;
    private double mean;
    private double variance;

    public EwmaStrategy() {
        this(DEFAULT_ALPHA, DEFAULT_MIN_HISTORY);
    }

    /**
     * @param alpha weight of the newest point, in (0, 1)
     * @param minHistory points seen before the detector votes
     */
    public EwmaStrategy(double alpha, int minHistory) {
        this(alpha, minHistory, 0);
    }

    /**
     * @param alpha weight of the newest point, in (0, 1)
     * @param minHistory points seen before the detector votes
     * @param minScale smallest standard deviation assumed, in the series' units: a null ratio that
     *     is usually exactly 0 is not alarmed by one null
     */
    public EwmaStrategy(double alpha, int minHistory, double minScale) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (minHistory < 2) {
            throw new IllegalArgumentException("minHistory must be at least 2, was " + minHistory);
        }
        this.alpha = alpha;
        this.minHistory = minHistory;
        this.minScale = minScale;
    }

    @Override
    public AnomalyScore score(Point point) {
        double x = point.value();
        AnomalyScore result;
        if (seen < minHistory) {
            result = AnomalyScore.warmup();
        } else {
            double z = Math.abs(x - mean) / Math.sqrt(spread());
            result = AnomalyScore.of(Erf.erf(z / Math.sqrt(2)), mean);
        }
        learn(x);
        return result;
    }

    /** The z-score {@code x} would get now, without learning it; NaN while warming up. */
    double zScore(double x) {
        return seen < minHistory ? Double.NaN : (x - mean) / Math.sqrt(spread());
    }

    private double spread() {
        double floor = Math.max(RELATIVE_FLOOR * Math.max(Math.abs(mean), 1e-9), minScale);
        return Math.max(variance, floor * floor);
    }

    private void learn(double x) {
        seen++;
        if (seen == 1) {
            mean = x;
            variance = 0;
            return;
        }
        // While young, weigh points equally (1/n) so the first point does not dominate.
        double a = Math.max(alpha, 1.0 / seen);
        double delta = x - mean;
        if (seen > minHistory) {
            double limit = CLIP_SIGMAS * Math.sqrt(spread());
            delta = Math.max(-limit, Math.min(limit, delta));
        }
        mean += a * delta;
        variance = (1 - a) * (variance + a * delta * delta);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(alpha);
        out.writeInt(minHistory);
        out.writeDouble(minScale);
        out.writeLong(seen);
        out.writeDouble(mean);
        out.writeDouble(variance);
    }

    static EwmaStrategy readFrom(DataInput in) throws IOException {
        EwmaStrategy ewma =
                DetectorCodec.valid(
                        () -> new EwmaStrategy(in.readDouble(), in.readInt(), in.readDouble()));
        ewma.seen = in.readLong();
        ewma.mean = in.readDouble();
        ewma.variance = in.readDouble();
        return ewma;
    }

    @Override
    public String name() {
        return "ewma";
    }
}
