package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.AnomalyAlarm;
import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.AnomalyScore;
import io.dataspoke.anomaly.DatasetDetectors;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.MetricState;
import io.dataspoke.anomaly.Point;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Signal;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Anomaly detection per dataset metric (keyed by dataset URN): every profile and operation yields
 * metric points ({@link MetricSample#points()}), each scored by its metric's detector and fed to
 * its {@link AnomalyAlarm}. A raised alarm is a FAIL {@link QualityEvent} of kind ANOMALY on {@link
 * #EVENTS}, so it opens an incident, alerts and moves the circuit breaker like a failing check; a
 * cleared one is a PASS. Both are also emitted as {@link AnomalyRecord} rows.
 *
 * <p>Trained models arrive on the broadcast input. A metric moves to a model of a higher version
 * than the one it runs on at its next point, keeping its alarm; a metric with no model learns
 * online from its first point.
 */
public class AnomalyFunction
        extends KeyedBroadcastProcessFunction<String, Observation, AnomalyModel, AnomalyRecord> {

    /** Raised and cleared alarms as quality events. */
    public static final OutputTag<QualityEvent> EVENTS =
            new OutputTag<>("anomaly-events", TypeInformation.of(QualityEvent.class));

    /** Trained models by dataset and metric. */
    public static final MapStateDescriptor<String, AnomalyModel> MODELS =
            new MapStateDescriptor<>(
                    "anomaly-models", Types.STRING, TypeInformation.of(AnomalyModel.class));

    /**
     * Fitted forests kept on the heap per subtask: about 0.9 MB each (50 trees), so 128 cost some
     * 115 MB; a forest not kept is refitted from its window when its dataset's next profile comes
     * (about 3 ms).
     */
    static final int KEPT_FORESTS = 128;

    private transient ValueState<DatasetDetectors> detectors;
    private transient FittedForests forests;

    /** The end of the newest trained history this subtask has received; 0 before any model. */
    private transient volatile long newestHistoryMillis;

    @Override
    public void open(OpenContext openContext) {
        detectors =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "detectors", DetectorsTypeInfo.INSTANCE));
        forests = new FittedForests(KEPT_FORESTS);
        // Forests fitted since start, rather than lent back from the heap after a state read.
        getRuntimeContext().getMetricGroup().gauge("anomalyForestFits", () -> forests.refits());
        // How stale the newest model is: seconds from the end of its training history to now;
        // -1 while the detectors learn online only.
        getRuntimeContext()
                .getMetricGroup()
                .gauge(
                        "anomalyModelAgeSeconds",
                        () ->
                                newestHistoryMillis == 0
                                        ? -1L
                                        : (System.currentTimeMillis() - newestHistoryMillis)
                                                / 1000);
    }

    @Override
    public void processElement(Observation o, ReadOnlyContext ctx, Collector<AnomalyRecord> out)
            throws Exception {
        if (o.signal() == Signal.REMOVED) {
            clearAll(o, ctx, out);
            return;
        }
        MetricSample sample = MetricSamples.of(o);
        if (sample == null) {
            return;
        }
        ReadOnlyBroadcastState<String, AnomalyModel> models = ctx.getBroadcastState(MODELS);
        DatasetDetectors dataset = detectors.value();
        if (dataset == null) {
            dataset = new DatasetDetectors();
        }
        for (MetricSample.MetricPoint mp : sample.points()) {
            String metric = mp.metric();
            MetricState state = dataset.get(metric);
            if (state == null) {
                state = MetricState.fresh(metric);
            }
            String key = AnomalyModel.key(o.datasetUrn(), metric);
            AnomalyModel model = models.get(key);
            if (model != null && model.version() > state.modelVersion()) {
                state =
                        state.withModel(
                                AnomalyModels.read(model.state(), EnsembleStrategy.class),
                                model.version(),
                                model.historyThroughMillis());
            }
            if (state.advanceTo(mp.point().epochMillis())) {
                forests.lend(key, state);
                AnomalyScore score = state.detector().score(mp.point());
                forests.keep(key, state);
                AnomalyAlarm.Transition t = state.alarm().update(score);
                if (t != AnomalyAlarm.Transition.NONE) {
                    emit(o.datasetUrn(), metric, mp.point(), score, t, state, ctx, out);
                }
            }
            dataset.put(metric, state);
        }
        detectors.update(dataset);
    }

    /** A deleted dataset's raised alarms end with it; its detectors are dropped. */
    private void clearAll(Observation o, ReadOnlyContext ctx, Collector<AnomalyRecord> out)
            throws Exception {
        DatasetDetectors dataset = detectors.value();
        if (dataset == null) {
            return;
        }
        for (Map.Entry<String, MetricState> e : dataset.metrics().entrySet()) {
            forests.forget(AnomalyModel.key(o.datasetUrn(), e.getKey()));
            if (!e.getValue().alarm().raised()) {
                continue;
            }
            ctx.output(
                    EVENTS,
                    event(
                            o.datasetUrn(),
                            o.eventMillis(),
                            e.getKey(),
                            Outcome.PASS,
                            e.getKey() + " is no longer watched: the dataset was deleted"));
            out.collect(
                    new AnomalyRecord(
                            o.datasetUrn(),
                            e.getKey(),
                            o.eventMillis(),
                            Double.NaN,
                            Double.NaN,
                            0,
                            "CLEARED",
                            e.getValue().modelVersion()));
        }
        detectors.clear();
    }

    @Override
    public void processBroadcastElement(
            AnomalyModel model, Context ctx, Collector<AnomalyRecord> out) throws Exception {
        BroadcastState<String, AnomalyModel> models = ctx.getBroadcastState(MODELS);
        String key = AnomalyModel.key(model.datasetUrn(), model.metric());
        AnomalyModel current = models.get(key);
        if (current == null || current.version() < model.version()) {
            models.put(key, model);
        }
        newestHistoryMillis = Math.max(newestHistoryMillis, model.historyThroughMillis());
    }

    private static void emit(
            String urn,
            String metric,
            Point point,
            AnomalyScore score,
            AnomalyAlarm.Transition t,
            MetricState state,
            ReadOnlyContext ctx,
            Collector<AnomalyRecord> out) {
        boolean raised = t == AnomalyAlarm.Transition.RAISED;
        String detail =
                raised
                        ? describe(metric, point, score)
                        : metric + " is back to normal (" + format(point.value()) + ")";
        ctx.output(
                EVENTS,
                event(
                        urn,
                        point.epochMillis(),
                        metric,
                        raised ? Outcome.FAIL : Outcome.PASS,
                        detail));
        out.collect(
                new AnomalyRecord(
                        urn,
                        metric,
                        point.epochMillis(),
                        point.value(),
                        score.expected(),
                        score.score(),
                        raised ? "RAISED" : "CLEARED",
                        state.modelVersion()));
    }

    private static QualityEvent event(
            String urn, long millis, String metric, Outcome outcome, String detail) {
        return new QualityEvent(
                urn,
                millis,
                QualityEventKind.ANOMALY,
                metric,
                outcome,
                null,
                MetricSample.columnOf(metric),
                detail,
                null,
                null);
    }

    /**
     * "rows_written 812 is 20% below the expected 1,015 (anomaly score 0.99998)"; for the profile
     * vector, its three values.
     */
    static String describe(String metric, Point point, AnomalyScore score) {
        double value = point.value();
        String scoreText = String.format(Locale.ROOT, "anomaly score %.5f", score.score());
        if (MetricSample.PROFILE.equals(metric)) {
            double[] f = point.features();
            return String.format(
                    Locale.ROOT,
                    "the profile as a whole is unusual: %s rows, largest null ratio %.1f%%, %s"
                            + " columns (%s)",
                    format(f[0]),
                    100 * f[1],
                    format(f[2]),
                    scoreText);
        }
        double expected = score.expected();
        if (Double.isNaN(expected)) {
            return metric + " " + format(value) + " is unusual (" + scoreText + ")";
        }
        String change;
        if (MetricSample.columnOf(metric) != null) {
            change =
                    String.format(
                            Locale.ROOT,
                            "%.1f%% where %.1f%% was expected",
                            100 * value,
                            100 * expected);
            return metric + " is " + change + " (" + scoreText + ")";
        }
        if (expected != 0) {
            double pct = 100 * (value - expected) / Math.abs(expected);
            change =
                    String.format(
                            Locale.ROOT,
                            "%.0f%% %s the expected %s",
                            Math.abs(pct),
                            pct < 0 ? "below" : "above",
                            format(expected));
        } else {
            change = "against an expected 0";
        }
        return metric + " " + format(value) + " is " + change + " (" + scoreText + ")";
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.3f", v);
    }
}
