package io.dataspoke.ingest;

/**
 * One observation of a dataset's volume or completeness, as written to {@code dataset_metrics}. The
 * key is (datasetUrn, observedMillis, source), so a replay overwrites instead of duplicating.
 *
 * @param source where it came from: {@link #PROFILE}, {@link #OPERATION}, {@link #OPEN_LINEAGE} or
 *     {@link #QUERY_LOG}
 * @param rowCount rows in the dataset after the event, null when the source does not say
 * @param affectedRows rows written by the operation, run or query, null when not said
 * @param operationType INSERT, UPDATE, OVERWRITE … for operations, the run state for runs, the
 *     status for queries
 * @param nullCountsJson JSON object of null count by field path, null when not profiled
 */
public record DatasetMetric(
        String datasetUrn,
        long observedMillis,
        String source,
        Long rowCount,
        Integer columnCount,
        Long affectedRows,
        String operationType,
        String nullCountsJson) {

    public static final String PROFILE = "datasetProfile";
    public static final String OPERATION = "operation";
    public static final String OPEN_LINEAGE = "openlineage";
    public static final String QUERY_LOG = "query-log";
}
