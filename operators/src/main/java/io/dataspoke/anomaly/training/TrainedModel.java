package io.dataspoke.anomaly.training;

import io.dataspoke.anomaly.EnsembleStrategy;

/**
 * One dataset metric's detector after training, with what it was trained on.
 *
 * @param detector the detector fed the metric's clean history in time order; scoring the next point
 *     continues the series
 * @param points points fed to the detector
 * @param excluded points left out because they lay inside an incident of the dataset (and no
 *     "normal" mark covered them)
 * @param historyFromMillis time of the metric's first point, fed or left out
 * @param historyThroughMillis time of its last point, fed or left out: the streaming side continues
 *     with the points after it
 */
public record TrainedModel(
        String datasetUrn,
        String metric,
        EnsembleStrategy detector,
        int points,
        int excluded,
        long historyFromMillis,
        long historyThroughMillis) {}
