package io.dataspoke.anomaly.training;

import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricDetectors;
import io.dataspoke.anomaly.MetricSample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one dataset's models: every metric its samples yield gets a fresh detector ({@link
 * MetricDetectors#forMetric}) fed the metric's points in time order, except those inside one of the
 * dataset's incidents. A model that learned an incident as normal would stay quiet when it happens
 * again; a window a user marked normal is normal, incident or not.
 */
public final class ModelTrainer {

    /** Reports of one instant in a stable order whatever order they came in. */
    private static final Comparator<MetricSample> IN_TIME =
            Comparator.comparingLong(MetricSample::epochMillis).thenComparing(MetricSample::kind);

    private ModelTrainer() {}

    /**
     * The models of one dataset, one per metric with at least one point, in metric order.
     *
     * @param samples the dataset's reports, in any order
     * @param incidents when the dataset was in an incident; an open one ends at {@link
     *     Interval#OPEN}
     * @param normal the windows users marked normal
     */
    public static List<TrainedModel> train(
            String datasetUrn,
            Collection<MetricSample> samples,
            Collection<Interval> incidents,
            Collection<NormalMark> normal) {
        List<MetricSample> ordered = new ArrayList<>(samples);
        ordered.sort(IN_TIME);
        Map<String, Training> byMetric = new TreeMap<>();
        for (MetricSample sample : ordered) {
            for (MetricSample.MetricPoint p : sample.points()) {
                long t = p.point().epochMillis();
                Training training = byMetric.computeIfAbsent(p.metric(), m -> new Training(m, t));
                training.throughMillis = t;
                if (insideIncident(t, incidents) && !markedNormal(p.metric(), t, normal)) {
                    training.excluded++;
                } else {
                    training.detector.score(p.point());
                    training.points++;
                }
            }
        }
        List<TrainedModel> models = new ArrayList<>(byMetric.size());
        for (Training t : byMetric.values()) {
            models.add(
                    new TrainedModel(
                            datasetUrn,
                            t.metric,
                            t.detector,
                            t.points,
                            t.excluded,
                            t.fromMillis,
                            t.throughMillis));
        }
        return models;
    }

    private static boolean insideIncident(long t, Collection<Interval> incidents) {
        for (Interval incident : incidents) {
            if (incident.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean markedNormal(String metric, long t, Collection<NormalMark> normal) {
        for (NormalMark mark : normal) {
            if (mark.covers(metric, t)) {
                return true;
            }
        }
        return false;
    }

    /** One metric's training in progress. */
    private static final class Training {
        final String metric;
        final EnsembleStrategy detector;
        final long fromMillis;
        long throughMillis;
        int points;
        int excluded;

        Training(String metric, long fromMillis) {
            this.metric = metric;
            this.detector = MetricDetectors.forMetric(metric);
            this.fromMillis = fromMillis;
            this.throughMillis = fromMillis;
        }
    }
}
