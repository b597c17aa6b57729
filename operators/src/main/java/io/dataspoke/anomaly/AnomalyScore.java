package io.dataspoke.anomaly;

/**
 * A detector's verdict on one point.
 *
 * @param score how anomalous, in [0, 1]; 0 while warming up
 * @param warmingUp true until the detector has the minimum history it needs to vote
 * @param expected the value the detector expected, NaN when it has no single expectation (the
 *     isolation forest) or is warming up
 */
public record AnomalyScore(double score, boolean warmingUp, double expected)
        implements java.io.Serializable {

    public AnomalyScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    /** The verdict of a detector that does not vote yet. */
    public static AnomalyScore warmup() {
        return new AnomalyScore(0, true, Double.NaN);
    }

    /** A vote. */
    public static AnomalyScore of(double score, double expected) {
        return new AnomalyScore(Math.max(0, Math.min(1, score)), false, expected);
    }
}
