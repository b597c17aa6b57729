package io.dataspoke.quality.anomaly;

/**
 * A trained detector for one dataset metric, as the training job stored it: what the streaming job
 * broadcasts to pick up new models without a restart.
 *
 * @param version the training run; a detector moves to a model only of a higher version
 * @param historyThroughMillis the last point the model has seen: later points only are scored
 * @param state the detector, as {@link io.dataspoke.anomaly.AnomalyModels} wrote it
 */
public record AnomalyModel(
        String datasetUrn, String metric, long version, long historyThroughMillis, byte[] state) {

    /** The key of the model in the broadcast state. */
    static String key(String datasetUrn, String metric) {
        return datasetUrn + '\u0000' + metric;
    }
}
