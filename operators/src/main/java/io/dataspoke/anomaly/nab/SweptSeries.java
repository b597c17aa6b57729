package io.dataspoke.anomaly.nab;

/**
 * One file's rows as NAB's {@code calcSweepScore} prepares them for the threshold sweep, for any
 * profile: per row its anomaly score, the window it lies in, and its unweighted score (the scaled
 * sigmoid of its position, which a profile's weights only multiply); plus the order of the sweep.
 * Built by {@link NabSweeper#sweep}.
 */
public final class SweptSeries {

    /** Window of a row outside every window. */
    static final int OUTSIDE = -1;

    private final String file;
    private final double[] anomalyScores;
    private final double[] unweightedScores;
    private final int[] windows;
    private final int windowCount;
    private final int probation;
    private final int firstScoredWindow;
    private final int[] order;

    SweptSeries(
            String file,
            double[] anomalyScores,
            double[] unweightedScores,
            int[] windows,
            int windowCount,
            int firstScoredWindow,
            int probation) {
        this.file = file;
        this.anomalyScores = anomalyScores;
        this.unweightedScores = unweightedScores;
        this.windows = windows;
        this.windowCount = windowCount;
        this.firstScoredWindow = firstScoredWindow;
        this.probation = probation;
        double[] scored = new double[anomalyScores.length - probation];
        System.arraycopy(anomalyScores, probation, scored, 0, scored.length);
        this.order = NabSweeper.descending(scored);
        for (int j = 0; j < order.length; j++) {
            order[j] += probation;
        }
    }

    public String file() {
        return file;
    }

    public int size() {
        return anomalyScores.length;
    }

    /** Rows at the start that are not scored. */
    public int probation() {
        return probation;
    }

    double anomalyScore(int i) {
        return anomalyScores[i];
    }

    double unweightedScore(int i) {
        return unweightedScores[i];
    }

    /** Index of the file's window that holds row {@code i}, or {@link #OUTSIDE}. */
    int window(int i) {
        return windows[i];
    }

    int windowCount() {
        return windowCount;
    }

    /**
     * The file's windows with a scored row at or above {@code threshold}: those a detection at that
     * threshold finds, each counted once however many of its rows are detected.
     */
    int windowsFound(double threshold) {
        boolean[] found = new boolean[windowCount];
        int count = 0;
        for (int i = probation; i < anomalyScores.length; i++) {
            if (windows[i] != OUTSIDE && anomalyScores[i] >= threshold && !found[windows[i]]) {
                found[windows[i]] = true;
                count++;
            }
        }
        return count;
    }

    /**
     * Index of the first window with a scored row: a window that lies wholly in the probationary
     * period is not scored (NAB's labeller deletes such windows).
     */
    int firstScoredWindow() {
        return firstScoredWindow;
    }

    /** The scored rows, highest anomaly score first, equal scores in row order. */
    int[] order() {
        return order;
    }
}
