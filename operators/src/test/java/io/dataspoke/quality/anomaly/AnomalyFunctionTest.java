package io.dataspoke.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricDetectors;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.Point;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Signal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The anomaly operator in Flink's keyed-broadcast test harness. */
class AnomalyFunctionTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final long HOUR = 3_600_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    /** Hourly rows written: business hours busy, weekends at half, 2% noise. */
    private static double rows(long t, Random random) {
        var time = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        double hour = 0.4 + Math.sin(Math.PI * Math.max(0, time.getHour() - 5) / 19.0);
        double week = time.getDayOfWeek().getValue() >= 6 ? 0.5 : 1.0;
        return Math.round(5_000 * hour * week * (1 + 0.02 * random.nextGaussian()));
    }

    private static Observation operation(long t, double rowsWritten) {
        return new Observation(
                URN,
                t,
                Signal.OPERATION,
                null,
                (long) rowsWritten,
                t,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, Observation, AnomalyModel, AnomalyRecord>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new AnomalyFunction(),
                Observation::datasetUrn,
                Types.STRING,
                AnomalyFunction.MODELS);
    }

    @Test
    void aModelTrainedOffLineIsPickedUpWhileRunningAndCatchesADropAtOnce() throws Exception {
        // Three weeks of history trained off-line, as the anomaly-training job does.
        Random random = new Random(21);
        EnsembleStrategy trained = MetricDetectors.forMetric(MetricSample.ROWS_WRITTEN);
        long t = START;
        for (; t < START + 21 * 24 * HOUR; t += HOUR) {
            trained.score(Point.of(t, rows(t, random)));
        }
        long trainedThrough = t - HOUR;
        byte[] model = AnomalyModels.write(trained);

        // The job started after the history: alone, its detector would warm up for two weeks.
        var withModel = harness();
        var withoutModel = harness();
        for (var h : List.of(withModel, withoutModel)) {
            h.processElement(operation(t, rows(t, new Random(1))), t);
        }
        withModel.processBroadcastElement(
                new AnomalyModel(URN, MetricSample.ROWS_WRITTEN, 3, trainedThrough, model), t);
        // Monday 08:00 and 09:00 of week 4, 20% low.
        long monday = START + (21 * 24 + 8) * HOUR;
        for (long at = t + HOUR; at <= monday + HOUR; at += HOUR) {
            double v = rows(at, random);
            if (at >= monday) {
                v *= 0.8;
            }
            for (var h : List.of(withModel, withoutModel)) {
                h.processElement(operation(at, v), at);
            }
        }

        List<AnomalyRecord> raised = withModel.extractOutputValues();
        assertThat(raised).hasSize(1);
        AnomalyRecord alarm = raised.get(0);
        assertThat(alarm.state()).isEqualTo("RAISED");
        assertThat(alarm.modelVersion()).isEqualTo(3);
        // With 2% noise a 20% drop is some ten deviations: beyond doubt at its first hour.
        assertThat(alarm.observedMillis()).isEqualTo(monday);
        assertThat(alarm.value() / alarm.expected()).isBetween(0.75, 0.85);
        List<QualityEvent> events = sideOutput(withModel);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).kind()).isEqualTo(QualityEventKind.ANOMALY);
        assertThat(events.get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(events.get(0).name()).isEqualTo(MetricSample.ROWS_WRITTEN);
        assertThat(events.get(0).detail()).contains("below the expected");

        assertThat(withoutModel.extractOutputValues()).isEmpty();
        assertThat(sideOutput(withoutModel)).isEmpty();
    }

    @Test
    void anOlderModelVersionIsIgnoredAndADeletedDatasetsAlarmEnds() throws Exception {
        Random random = new Random(22);
        EnsembleStrategy trained = MetricDetectors.forMetric(MetricSample.ROWS_WRITTEN);
        long t = START;
        for (; t < START + 21 * 24 * HOUR; t += HOUR) {
            trained.score(Point.of(t, rows(t, random)));
        }
        EnsembleStrategy untrained = MetricDetectors.forMetric(MetricSample.ROWS_WRITTEN);
        var h = harness();
        h.processBroadcastElement(
                new AnomalyModel(
                        URN, MetricSample.ROWS_WRITTEN, 2, t - HOUR, AnomalyModels.write(trained)),
                t);
        // Arriving late, version 1 must not replace version 2: untrained, it would still warm up.
        h.processBroadcastElement(
                new AnomalyModel(
                        URN,
                        MetricSample.ROWS_WRITTEN,
                        1,
                        t - HOUR,
                        AnomalyModels.write(untrained)),
                t);
        // A collapse to 1% of the usual volume is beyond doubt on its own.
        h.processElement(operation(t, rows(t, random) / 100), t);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.state()).isEqualTo("RAISED");
                            assertThat(a.modelVersion()).isEqualTo(2);
                        });

        h.processElement(
                new Observation(
                        URN,
                        t + 1,
                        Signal.REMOVED,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                t + 1);
        assertThat(h.extractOutputValues())
                .extracting(AnomalyRecord::state)
                .containsExactly("RAISED", "CLEARED");
        assertThat(sideOutput(h))
                .extracting(QualityEvent::outcome)
                .containsExactly(Outcome.FAIL, Outcome.PASS);
    }

    private static List<QualityEvent> sideOutput(
            KeyedBroadcastOperatorTestHarness<String, Observation, AnomalyModel, AnomalyRecord> h) {
        var records = h.getSideOutput(AnomalyFunction.EVENTS);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
