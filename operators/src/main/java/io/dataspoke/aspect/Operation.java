package io.dataspoke.aspect;

import java.util.List;

/**
 * A time-series record of a write to a dataset ({@code operation}).
 *
 * @param lastUpdatedTimestamp when the data changed (epoch millis)
 * @param operationType INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, CUSTOM, UNKNOWN
 * @param customOperationType set when operationType is CUSTOM, else null
 * @param numAffectedRows null when unknown
 * @param actor null when unknown
 * @param sourceType DATA_PROCESS or DATA_PLATFORM, null when absent
 */
public record Operation(
        long timestampMillis,
        long lastUpdatedTimestamp,
        String operationType,
        String customOperationType,
        Long numAffectedRows,
        List<String> affectedDatasets,
        String actor,
        String sourceType)
        implements Aspect {

    public static final String NAME = "operation";

    @Override
    public String aspectName() {
        return NAME;
    }
}
