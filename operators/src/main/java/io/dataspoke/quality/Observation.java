package io.dataspoke.quality;

import io.dataspoke.event.SchemaColumn;

/**
 * One thing a dataset reported about its data, normalized from DataHub profiles and operations,
 * OpenLineage runs, query logs and schema changes; the input of contract checks. Fields a signal
 * does not carry are null.
 *
 * @param rowCount rows in the dataset (or the profiled partition): PROFILE
 * @param rowsWritten rows the write added or replaced: OPERATION, RUN, QUERY_LOG
 * @param loadedMillis when the data last changed, for freshness: OPERATION's lastUpdatedTimestamp,
 *     the end of a successful RUN or QUERY_LOG; null when this observation is not a successful load
 * @param columns per-column statistics: PROFILE
 * @param schema the columns and types: SCHEMA, and RUN when it has a schema facet
 * @param runState COMPLETE, FAIL or ABORT: RUN; SUCCEEDED or FAILED: QUERY_LOG
 * @param job {@code namespace.name} of the run's job: RUN
 * @param message the run's or query's error message, null when none
 * @param inputs URNs the run read: RUN (lineage)
 */
public record Observation(
        String datasetUrn,
        long eventMillis,
        Signal signal,
        Long rowCount,
        Long rowsWritten,
        Long loadedMillis,
        ColumnProfile[] columns,
        SchemaColumn[] schema,
        String runState,
        String job,
        String message,
        String[] inputs) {

    /** True for a RUN or QUERY_LOG that ended badly. */
    public boolean failedRun() {
        return "FAIL".equals(runState) || "ABORT".equals(runState) || "FAILED".equals(runState);
    }

    /** The profile of {@code column}, or null. */
    public ColumnProfile column(String column) {
        if (columns == null) {
            return null;
        }
        for (ColumnProfile profile : columns) {
            if (profile.name().equals(column)) {
                return profile;
            }
        }
        return null;
    }
}
