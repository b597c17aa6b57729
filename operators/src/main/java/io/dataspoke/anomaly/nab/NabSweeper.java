package io.dataspoke.anomaly.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A port of NAB v1.1's {@code nab/sweeper.py} for one profile: weighs each row by where it lies
 * relative to the anomaly windows, then sweeps the detection threshold down over the anomaly scores
 * and scores every distinct threshold in one pass. Each file is sorted once, in {@link #sweep}, for
 * all profiles; pooling files merges their orders.
 *
 * <p>It agrees with NAB but for the last bits of a sum: NAB re-adds all its score parts at every
 * threshold, this class keeps the false positives' sum running and re-adds the window parts only
 * when one of them changes, which keeps the sweep O(n log n) over the pooled corpus.
 */
public final class NabSweeper {

    /**
     * Share of each file, from its start, that is not scored ({@code Runner.probationaryPercent}).
     */
    public static final double PROBATION_PERCENT = 0.15;

    /** The threshold of the first sweep record, above every score: nothing is detected. */
    public static final double START_THRESHOLD = 1.1;

    private static final double MAX_TP = scaledSigmoid(-1.0);

    private final NabProfile profile;

    public NabSweeper(NabProfile profile) {
        this.profile = profile;
    }

    public NabProfile profile() {
        return profile;
    }

    /**
     * Rows at the start of a file of {@code rows} rows that are not scored: {@code min(floor(0.15 *
     * rows), 0.15 * 5000)}, so at most 750.
     */
    public static int probationLength(int rows) {
        // NAB compares the row index with this float, so a fractional cap would round up.
        return (int)
                Math.ceil(Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000));
    }

    /**
     * {@code 2 / (1 + e^(5y)) - 1}, and -1 beyond {@code y = 3}: 0.98661 at the left edge of a
     * window ({@code y = -1}), 0 at its right edge, -0.98661 one window width after it.
     */
    public static double scaledSigmoid(double y) {
        if (y > 3.0) {
            return -1.0;
        }
        return 2 * sigmoid(-5 * y) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * The profile-independent half of NAB's {@code calcSweepScore}: the window of each row and the
     * scaled sigmoid of its position, which {@link #sweepScores} weighs.
     *
     * <p>NAB divides by the previous window's width less one, so it fails after a window of one
     * row; here such a row costs the full {@code -fpWeight}.
     *
     * @param anomalyScores the detector's score of each row of {@code series}, in row order
     */
    public static SweptSeries sweep(NabSeries series, double[] anomalyScores) {
        int n = series.size();
        if (anomalyScores.length != n) {
            throw new IllegalArgumentException(
                    series.file()
                            + " has "
                            + n
                            + " rows but "
                            + anomalyScores.length
                            + " anomaly scores");
        }
        int probation = probationLength(n);
        double[] unweighted = new double[n];
        int[] windows = new int[n];
        int firstScoredWindow = series.windows().size();
        int next = 0;
        int current = SweptSeries.OUTSIDE;
        int previousEnd = -1;
        double previousWidth = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(anomalyScores[i])) {
                throw new IllegalArgumentException(
                        series.file() + " row " + i + " has a NaN anomaly score");
            }
            if (next < series.windows().size() && i == series.windowStart(next)) {
                current = next++;
            }
            if (current >= 0) {
                int end = series.windowEnd(current);
                double width = end - series.windowStart(current) + 1;
                unweighted[i] = scaledSigmoid(-(end - i + 1) / width);
                if (i >= probation) {
                    firstScoredWindow = Math.min(firstScoredWindow, current);
                }
            } else if (previousEnd < 0) {
                unweighted[i] = -1.0;
            } else {
                unweighted[i] = scaledSigmoid(Math.abs(previousEnd - i) / (previousWidth - 1));
            }
            windows[i] = current;
            if (current >= 0 && i == series.windowEnd(current)) {
                previousEnd = i;
                previousWidth = i - series.windowStart(current) + 1;
                current = SweptSeries.OUTSIDE;
            }
        }
        return new SweptSeries(
                series.file(),
                anomalyScores.clone(),
                unweighted,
                windows,
                series.windows().size(),
                firstScoredWindow,
                probation);
    }

    /**
     * NAB's per-row weighted scores ({@code S(t)}), what each row earns if detected, probationary
     * rows included. Inside a window, {@code tpWeight} at its first row falling to 0 after its
     * last; outside, {@code -fpWeight} before the first window, and after a window a cost that
     * grows from almost nothing to the full {@code -fpWeight} three window widths later.
     */
    public double[] sweepScores(SweptSeries file) {
        double[] scores = new double[file.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = sweepScore(file, i);
        }
        return scores;
    }

    private double sweepScore(SweptSeries file, int i) {
        double unweighted = file.unweightedScore(i);
        return file.window(i) >= 0
                ? unweighted * profile.tpWeight() / MAX_TP
                : unweighted * profile.fpWeight();
    }

    /**
     * NAB's {@code calcScoreByThreshold} over the rows of {@code files} pooled: a record at {@link
     * #START_THRESHOLD} with nothing detected, then one per distinct anomaly score, highest first,
     * covering all rows scored at or above it. Every window with a scored row starts at {@code
     * -fnWeight} and rises to the weighted score of its earliest detection; every detection outside
     * a window adds its (negative) weighted score.
     */
    public List<ThresholdScore> scoresByThreshold(List<SweptSeries> files) {
        List<ThresholdScore> records = new ArrayList<>();
        sweepDown(files, merged(files), Double.NEGATIVE_INFINITY, records::add);
        return records;
    }

    /**
     * NAB's {@code scoreDataSet}: the file's score when every row scoring at or above {@code
     * threshold} is detected. NAB takes the sweep record at exactly that threshold, else the one
     * before the first record below it, which is the same; where NAB finds none (a threshold below
     * every score of the file) this is the last record, every row detected.
     */
    public ThresholdScore scoreAt(SweptSeries file, double threshold) {
        int[] order = file.order();
        long[] keys = new long[order.length];
        for (int j = 0; j < order.length; j++) {
            keys[j] = order[j];
        }
        return sweepDown(List.of(file), keys, threshold, record -> {});
    }

    /**
     * NAB's {@code optimizeThreshold}: the sweep record with the highest score over all rows of all
     * files pooled (one threshold for the corpus); among equal scores the highest threshold.
     */
    public ThresholdScore optimise(List<SweptSeries> files) {
        ThresholdScore[] best = new ThresholdScore[1];
        sweepDown(
                files,
                merged(files),
                Double.NEGATIVE_INFINITY,
                record -> {
                    if (best[0] == null || record.score() > best[0].score()) {
                        best[0] = record;
                    }
                });
        return best[0];
    }

    /**
     * The sweep proper: detects the rows of {@code order} (file index in the high half of each key,
     * row in the low half) one by one, passing each finished threshold's record to {@code records},
     * and stops before the first row scoring below {@code lowest}; returns the record there.
     */
    private ThresholdScore sweepDown(
            List<SweptSeries> files,
            long[] order,
            double lowest,
            Consumer<ThresholdScore> records) {
        int[] firstPart = new int[files.size()];
        int windows = 0;
        int fn = 0;
        for (int f = 0; f < files.size(); f++) {
            SweptSeries file = files.get(f);
            firstPart[f] = windows - file.firstScoredWindow();
            windows += file.windowCount() - file.firstScoredWindow();
            for (int i = file.probation(); i < file.size(); i++) {
                fn += file.window(i) >= 0 ? 1 : 0;
            }
        }
        int tn = order.length - fn;
        int tp = 0;
        int fp = 0;
        double[] parts = new double[windows];
        Arrays.fill(parts, -profile.fnWeight());
        double windowSum = sum(parts);
        double fpSum = 0;
        double threshold = START_THRESHOLD;
        for (long key : order) {
            int f = (int) (key >>> 32);
            int row = (int) key;
            SweptSeries file = files.get(f);
            double anomalyScore = file.anomalyScore(row);
            if (anomalyScore < lowest) {
                return new ThresholdScore(threshold, fpSum + windowSum, tp, tn, fp, fn);
            }
            if (anomalyScore != threshold) {
                records.accept(new ThresholdScore(threshold, fpSum + windowSum, tp, tn, fp, fn));
                threshold = anomalyScore;
            }
            int window = file.window(row);
            double sweepScore = sweepScore(file, row);
            if (window >= 0) {
                tp++;
                fn--;
                int part = firstPart[f] + window;
                if (sweepScore > parts[part]) {
                    parts[part] = sweepScore;
                    windowSum = sum(parts);
                }
            } else {
                fp++;
                tn--;
                fpSum += sweepScore;
            }
        }
        ThresholdScore last = new ThresholdScore(threshold, fpSum + windowSum, tp, tn, fp, fn);
        records.accept(last);
        return last;
    }

    private static double sum(double[] parts) {
        double sum = 0;
        for (double part : parts) {
            sum += part;
        }
        return sum;
    }

    /**
     * The scored rows of all files in the order of NAB's pooled sort: anomaly score descending,
     * ties in file order then row order (Python's sort is stable), merged from each file's own
     * order.
     */
    private static long[] merged(List<SweptSeries> files) {
        int total = 0;
        for (SweptSeries file : files) {
            total += file.order().length;
        }
        int[] next = new int[files.size()];
        PriorityQueue<Integer> heads =
                new PriorityQueue<>(
                        Math.max(1, files.size()),
                        (a, b) -> {
                            double x = files.get(a).anomalyScore(files.get(a).order()[next[a]]);
                            double y = files.get(b).anomalyScore(files.get(b).order()[next[b]]);
                            return x > y ? -1 : x < y ? 1 : Integer.compare(a, b);
                        });
        for (int f = 0; f < files.size(); f++) {
            if (files.get(f).order().length > 0) {
                heads.add(f);
            }
        }
        long[] keys = new long[total];
        for (int j = 0; j < total; j++) {
            int f = heads.poll();
            int[] order = files.get(f).order();
            keys[j] = ((long) f << 32) | order[next[f]];
            if (++next[f] < order.length) {
                heads.add(f);
            }
        }
        return keys;
    }

    /**
     * NAB's {@code Runner.normalize}: {@code 100 * (raw - null) / (perfect - null)}, where perfect
     * is {@code tpWeight} for each window scored and null is {@code -fnWeight} for each. That null
     * score is exactly what NAB's null detector (a constant 0.5) gets: at its optimal threshold it
     * detects nothing and misses every window.
     *
     * @param windows windows scored (those with a row after the probationary period; all of NAB's)
     */
    public double normalise(double rawScore, int windows) {
        if (windows <= 0) {
            throw new IllegalArgumentException(
                    "no anomaly windows were scored, so the normalised NAB score is undefined");
        }
        double perfect = profile.tpWeight() * windows;
        double nullScore = -profile.fnWeight() * windows;
        return 100 * (rawScore - nullScore) / (perfect - nullScore);
    }

    /** Windows of {@code files} that have a row after the probationary period. */
    public static int scoredWindows(List<SweptSeries> files) {
        int windows = 0;
        for (SweptSeries file : files) {
            windows += file.windowCount() - file.firstScoredWindow();
        }
        return windows;
    }

    /**
     * Indices of {@code values} from the highest value to the lowest, equal values in index order.
     * Each index is packed with the rank of its value into one long, so a primitive sort does it.
     */
    static int[] descending(double[] values) {
        double[] distinct = values.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.length; i++) {
            // == rather than Arrays.sort's order, so 0.0 and -0.0 are one score, as in Python.
            if (count == 0 || distinct[i] != distinct[count - 1]) {
                distinct[count++] = distinct[i];
            }
        }
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            int rank = rank(distinct, count, values[i]);
            keys[i] = ((long) (count - 1 - rank) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Position of {@code value} among the first {@code count} sorted distinct values. */
    private static int rank(double[] distinct, int count, double value) {
        int low = 0;
        int high = count - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (distinct[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
