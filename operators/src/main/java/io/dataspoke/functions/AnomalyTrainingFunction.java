package io.dataspoke.functions;

import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.training.AnomalyModelRow;
import io.dataspoke.anomaly.training.Interval;
import io.dataspoke.anomaly.training.ModelTrainer;
import io.dataspoke.anomaly.training.NormalMark;
import io.dataspoke.anomaly.training.TrainedModel;
import io.dataspoke.anomaly.training.TrainingInput;
import io.dataspoke.anomaly.training.TrainingRun;
import io.dataspoke.anomaly.training.TrainingSamples;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.util.Collector;

/**
 * All that was read about one dataset (a keyed full-window partition) to its trained models, one
 * row per metric: a thin shell around {@link ModelTrainer}.
 */
public class AnomalyTrainingFunction
        implements MapPartitionFunction<TrainingInput, AnomalyModelRow> {

    private final TrainingRun run;

    public AnomalyTrainingFunction(TrainingRun run) {
        this.run = run;
    }

    @Override
    public void mapPartition(Iterable<TrainingInput> inputs, Collector<AnomalyModelRow> out) {
        String datasetUrn = null;
        List<MetricSample> samples = new ArrayList<>();
        List<Interval> incidents = new ArrayList<>();
        List<NormalMark> normal = new ArrayList<>();
        for (TrainingInput input : inputs) {
            datasetUrn = input.datasetUrn();
            if (input.row() != null) {
                TrainingSamples.of(input.row()).ifPresent(samples::add);
            } else if (input.incident() != null) {
                incidents.add(input.incident());
            } else {
                normal.add(input.normal());
            }
        }
        for (TrainedModel model : ModelTrainer.train(datasetUrn, samples, incidents, normal)) {
            out.collect(AnomalyModelRow.of(model, run));
        }
    }
}
