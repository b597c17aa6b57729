package io.dataspoke.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.aspect.Aspect;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.DatasetProfile;
import io.dataspoke.aspect.Operation;
import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RunDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the events that say something about a dataset's volume or completeness into {@link
 * DatasetMetric} rows: DataHub profiles and operations, finished OpenLineage runs, and queries that
 * wrote to a table.
 */
public final class DatasetMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetMetrics() {}

    /** The metric of a time-series {@code datasetProfile} or {@code operation}; none otherwise. */
    public static List<DatasetMetric> of(MetadataChange change) {
        if (!change.timeseries() || change.aspectJson() == null) {
            return List.of();
        }
        Aspect aspect;
        try {
            aspect = Aspects.parse(change.aspectName(), change.aspectJson());
        } catch (DecodeException e) {
            // DecodeFunction dead-letters malformed known aspects, so they never get here.
            throw new IllegalStateException("aspect passed decoding but does not parse", e);
        }
        if (aspect instanceof DatasetProfile profile) {
            return List.of(fromProfile(change.entityUrn(), profile));
        }
        if (aspect instanceof Operation operation) {
            return List.of(
                    new DatasetMetric(
                            change.entityUrn(),
                            operation.timestampMillis(),
                            DatasetMetric.OPERATION,
                            null,
                            null,
                            operation.numAffectedRows(),
                            operation.customOperationType() != null
                                    ? operation.customOperationType()
                                    : operation.operationType(),
                            null));
        }
        return List.of();
    }

    /**
     * One metric per output of a finished run (COMPLETE, FAIL or ABORT): rows written from the
     * outputStatistics facet, and the run's state, so a failed load is visible beside the volumes.
     */
    public static List<DatasetMetric> of(PipelineRun run) {
        boolean finished = "COMPLETE".equals(run.eventType()) || run.failed();
        if (!finished || run.outputs() == null) {
            return List.of();
        }
        List<DatasetMetric> metrics = new ArrayList<>(run.outputs().length);
        for (RunDataset output : run.outputs()) {
            metrics.add(
                    new DatasetMetric(
                            output.urn(),
                            run.eventMillis(),
                            DatasetMetric.OPEN_LINEAGE,
                            null,
                            output.schema() == null ? null : output.schema().length,
                            output.rowCount(),
                            run.eventType(),
                            null));
        }
        return metrics;
    }

    /** One metric per table a query wrote to, at the time it ended. */
    public static List<DatasetMetric> of(QueryLog query) {
        if (query.tablesWritten() == null) {
            return List.of();
        }
        List<DatasetMetric> metrics = new ArrayList<>(query.tablesWritten().length);
        for (String table : query.tablesWritten()) {
            metrics.add(
                    new DatasetMetric(
                            table,
                            query.endMillis(),
                            DatasetMetric.QUERY_LOG,
                            null,
                            null,
                            query.rows(),
                            query.status(),
                            null));
        }
        return metrics;
    }

    private static DatasetMetric fromProfile(String urn, DatasetProfile profile) {
        // Sorted by field so the same profile always gives the same JSON.
        SortedMap<String, Long> nullCounts = new TreeMap<>();
        if (profile.fieldProfiles() != null) {
            for (DatasetProfile.FieldProfile field : profile.fieldProfiles()) {
                if (field.nullCount() != null) {
                    nullCounts.put(field.fieldPath(), field.nullCount());
                }
            }
        }
        return new DatasetMetric(
                urn,
                profile.timestampMillis(),
                DatasetMetric.PROFILE,
                profile.rowCount(),
                profile.columnCount() == null ? null : profile.columnCount().intValue(),
                null,
                null,
                nullCounts.isEmpty() ? null : toJson(nullCounts));
    }

    private static String toJson(SortedMap<String, Long> counts) {
        try {
            return JSON.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
