package io.dataspoke.anomaly.training;

import io.dataspoke.anomaly.AnomalyModels;

/**
 * One row of {@code anomaly_models}: a dataset metric's trained detector, serialized with {@link
 * AnomalyModels#write}, and what it was trained on. The streaming job reads the latest version back
 * with {@link AnomalyModels#read} and scores the points after {@code historyThroughMillis}.
 *
 * @param version the training run's version, the same for every model of the run
 * @param trainedAtMillis when the run started
 * @param historyFromMillis time of the metric's first point read
 * @param historyThroughMillis time of its last point read, fed or left out
 * @param points points fed to the detector
 * @param excluded points left out as inside an incident
 * @param detector the detector's {@code name()}
 * @param state the serialized detector
 */
public record AnomalyModelRow(
        String datasetUrn,
        String metric,
        long version,
        long trainedAtMillis,
        long historyFromMillis,
        long historyThroughMillis,
        int points,
        int excluded,
        String detector,
        byte[] state) {

    /** The row of {@code model} trained in {@code run}. */
    public static AnomalyModelRow of(TrainedModel model, TrainingRun run) {
        return new AnomalyModelRow(
                model.datasetUrn(),
                model.metric(),
                run.version(),
                run.trainedAtMillis(),
                model.historyFromMillis(),
                model.historyThroughMillis(),
                model.points(),
                model.excluded(),
                model.detector().name(),
                AnomalyModels.write(model.detector()));
    }
}
