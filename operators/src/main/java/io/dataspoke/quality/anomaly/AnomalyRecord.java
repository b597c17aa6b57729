package io.dataspoke.quality.anomaly;

/**
 * An alarm raised or cleared on a dataset metric: a row of the {@code anomalies} table.
 *
 * @param value the metric's value at that point; for the {@code profile} vector its row count
 * @param expected what the detector expected, NaN when it has no single expectation
 * @param score the ensemble's score of the point
 * @param state {@code RAISED} or {@code CLEARED}
 * @param modelVersion the trained model the detector started from, 0 for none
 */
public record AnomalyRecord(
        String datasetUrn,
        String metric,
        long observedMillis,
        double value,
        double expected,
        double score,
        String state,
        long modelVersion) {}
