package io.dataspoke.anomaly.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.ingest.DatasetMetric;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code dataset_metrics} rows as the reports the detectors learn from. Profiles and operations are
 * what the streaming job scores; OpenLineage runs and query logs describe the same loads again and
 * are left to the contracts, so training skips them too.
 */
public final class TrainingSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingSamples() {}

    /**
     * The report of a {@code datasetProfile} or {@code operation} row; empty for other sources.
     *
     * @throws IllegalArgumentException when the row's null counts are not a JSON object of counts
     */
    public static Optional<MetricSample> of(DatasetMetric row) {
        if (DatasetMetric.PROFILE.equals(row.source())) {
            return Optional.of(
                    new MetricSample(
                            row.datasetUrn(),
                            row.observedMillis(),
                            MetricSample.Kind.PROFILE,
                            row.rowCount(),
                            row.columnCount(),
                            null,
                            nullCounts(row)));
        }
        if (DatasetMetric.OPERATION.equals(row.source())) {
            return Optional.of(
                    new MetricSample(
                            row.datasetUrn(),
                            row.observedMillis(),
                            MetricSample.Kind.OPERATION,
                            null,
                            null,
                            row.affectedRows(),
                            Map.of()));
        }
        return Optional.empty();
    }

    private static Map<String, Long> nullCounts(DatasetMetric row) {
        Map<String, Long> counts = new TreeMap<>();
        if (row.nullCountsJson() == null) {
            return counts;
        }
        try {
            JsonNode node = JSON.readTree(row.nullCountsJson());
            if (node == null || node.isNull()) {
                return counts;
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(problem(row, "is not a JSON object"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isIntegralNumber()) {
                    counts.put(field.getKey(), field.getValue().longValue());
                } else if (!field.getValue().isNull()) {
                    throw new IllegalArgumentException(
                            problem(row, "has a count that is not a whole number"));
                }
            }
            return counts;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(problem(row, "is not JSON"), e);
        }
    }

    private static String problem(DatasetMetric row, String what) {
        return "null_counts of "
                + row.datasetUrn()
                + " at "
                + Instant.ofEpochMilli(row.observedMillis())
                + " "
                + what;
    }
}
