package io.dataspoke.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One report about a dataset's data, as both the streaming job (from an observation) and the
 * training job (from a {@code dataset_metrics} row) see it, and the metric points it yields. Both
 * paths go through {@link #points()}, so a model is trained on exactly the series it will score.
 *
 * <p>A profile yields {@code row_count}, one {@code null_ratio(column)} per column with a null
 * count, and, when it counted its columns, the dataset's {@link #PROFILE} vector for the isolation
 * forest: row count, largest null ratio, column count. An operation yields {@code rows_written}.
 * Runs and query logs are left to the contracts: they describe the same loads again.
 *
 * @param datasetUrn the dataset
 * @param epochMillis when the report was made
 * @param kind what reported
 * @param rowCount rows in the dataset (PROFILE), or null
 * @param columnCount columns profiled or in the schema (PROFILE), or null
 * @param rowsWritten rows the write affected (OPERATION), or null
 * @param nullCounts nulls per column (PROFILE), empty when none
 */
public record MetricSample(
        String datasetUrn,
        long epochMillis,
        Kind kind,
        Long rowCount,
        Integer columnCount,
        Long rowsWritten,
        Map<String, Long> nullCounts) {

    /** What reported. */
    public enum Kind {
        PROFILE,
        OPERATION
    }

    public static final String ROW_COUNT = "row_count";
    public static final String ROWS_WRITTEN = "rows_written";

    /** The profile vector's metric: row count, largest null ratio, column count. */
    public static final String PROFILE = "profile";

    private static final String NULL_RATIO = "null_ratio(";

    public MetricSample {
        nullCounts = nullCounts == null ? Map.of() : new TreeMap<>(nullCounts);
    }

    /** The metric name of {@code column}'s null ratio. */
    public static String nullRatio(String column) {
        return NULL_RATIO + column + ")";
    }

    /** The column of a null-ratio metric, or null for other metrics. */
    public static String columnOf(String metric) {
        return metric.startsWith(NULL_RATIO) && metric.endsWith(")")
                ? metric.substring(NULL_RATIO.length(), metric.length() - 1)
                : null;
    }

    /** One value of one metric. */
    public record MetricPoint(String metric, Point point) {}

    /** The metric points this report yields, in a stable order. */
    public List<MetricPoint> points() {
        List<MetricPoint> out = new ArrayList<>();
        if (kind == Kind.OPERATION) {
            if (rowsWritten != null) {
                out.add(new MetricPoint(ROWS_WRITTEN, Point.of(epochMillis, rowsWritten)));
            }
            return out;
        }
        if (rowCount == null) {
            return out;
        }
        out.add(new MetricPoint(ROW_COUNT, Point.of(epochMillis, rowCount)));
        double largestNullRatio = 0;
        for (Map.Entry<String, Long> e : nullCounts.entrySet()) {
            double ratio = ratio(e);
            largestNullRatio = Math.max(largestNullRatio, ratio);
            out.add(new MetricPoint(nullRatio(e.getKey()), Point.of(epochMillis, ratio)));
        }
        if (columnCount != null) {
            out.add(
                    new MetricPoint(
                            PROFILE,
                            new Point(
                                    epochMillis,
                                    new double[] {rowCount, largestNullRatio, columnCount})));
        }
        return out;
    }

    private double ratio(Map.Entry<String, Long> nulls) {
        return rowCount == 0 ? 0 : nulls.getValue() / (double) rowCount;
    }
}
