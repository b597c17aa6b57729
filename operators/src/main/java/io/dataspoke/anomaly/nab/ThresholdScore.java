package io.dataspoke.anomaly.nab;

/**
 * The NAB score and row counts when every row with an anomaly score at or above {@code threshold}
 * is a detection (NAB's {@code ThresholdScore}). Counts leave out probationary rows; the score
 * counts each window once, by its earliest detection.
 *
 * @param tp detected rows inside a window
 * @param tn undetected rows outside every window
 * @param fp detected rows outside every window
 * @param fn undetected rows inside a window
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {

    /** The rows scored: the file's rows after the probationary period. */
    public int total() {
        return tp + tn + fp + fn;
    }
}
