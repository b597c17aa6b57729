package io.dataspoke.anomaly.training;

import io.dataspoke.ingest.DatasetMetric;
import java.util.Objects;

/**
 * One thing the training job reads about a dataset, in the stream it keys by dataset: a {@code
 * dataset_metrics} row, a span the dataset spent in an incident, or a window a user marked normal.
 * Exactly one of {@code row}, {@code incident} and {@code normal} is set.
 */
public record TrainingInput(
        String datasetUrn, DatasetMetric row, Interval incident, NormalMark normal) {

    public TrainingInput {
        Objects.requireNonNull(datasetUrn, "datasetUrn");
        int set = (row != null ? 1 : 0) + (incident != null ? 1 : 0) + (normal != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "a training input is one row, incident or mark, got " + set);
        }
    }

    /** A metrics row of its dataset. */
    public static TrainingInput of(DatasetMetric row) {
        return new TrainingInput(row.datasetUrn(), row, null, null);
    }

    /** A span {@code datasetUrn} spent in an incident. */
    public static TrainingInput incident(String datasetUrn, Interval span) {
        return new TrainingInput(datasetUrn, null, Objects.requireNonNull(span, "span"), null);
    }

    /** A window of {@code datasetUrn} a user marked normal. */
    public static TrainingInput normal(String datasetUrn, NormalMark mark) {
        return new TrainingInput(datasetUrn, null, null, Objects.requireNonNull(mark, "mark"));
    }
}
