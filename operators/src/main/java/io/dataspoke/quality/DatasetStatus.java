package io.dataspoke.quality;

/**
 * A dataset's circuit-breaker status, kept current in {@code dataset_status} and published to the
 * status topic on every change.
 *
 * @param reasons why, one sentence each, worst first; empty for PASS
 * @param incidentIds the open incidents the dataset is in
 * @param sinceMillis when the dataset entered this status
 */
public record DatasetStatus(
        String datasetUrn,
        CircuitStatus status,
        String[] reasons,
        String[] incidentIds,
        long sinceMillis,
        long updatedMillis) {}
