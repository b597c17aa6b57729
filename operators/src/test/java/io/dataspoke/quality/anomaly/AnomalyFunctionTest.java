package io.dataspoke.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricDetectors;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.Point;
import io.dataspoke.quality.ColumnProfile;
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
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
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

    /** The operator with its keyed state in RocksDB, written and read on every access. */
    private static KeyedBroadcastOperatorTestHarness<
                    String, Observation, AnomalyModel, AnomalyRecord>
            rocksDbHarness() throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new AnomalyFunction(), List.of(AnomalyFunction.MODELS)),
                        Observation::datasetUrn,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        return h;
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

    /** An hourly profile: {@code columns} columns, each about 1% null. */
    private static Observation profile(long t, long rows, int columns, Random random) {
        ColumnProfile[] profiled = new ColumnProfile[columns];
        for (int c = 0; c < columns; c++) {
            long nulls = Math.round(rows * (0.01 + 0.0005 * random.nextGaussian()));
            profiled[c] = new ColumnProfile("c" + c, nulls, null, null, null, null, null, null);
        }
        return new Observation(
                URN, t, Signal.PROFILE, rows, null, null, profiled, null, null, null, null, null);
    }

    /**
     * Profiles whose row count and null ratios stay ordinary but whose columns tripled: only the
     * isolation forest over the whole profile sees it, within ten profiles (its scores are averaged
     * over the last ten before they are judged, so one odd profile alone is not an alarm). The
     * state is in RocksDB, written and read on every access, so the forest is lent back from the
     * heap between profiles.
     */
    @Test
    void aProfileUnusualAsAWholeIsCaughtByTheForest() throws Exception {
        var h = rocksDbHarness();
        Random random = new Random(23);
        long t = START;
        for (int i = 0; i < 400; i++, t += HOUR) {
            h.processElement(profile(t, rows(i, random), 12, random), t);
        }
        assertThat(h.extractOutputValues()).isEmpty();

        long wide = t;
        for (int i = 400; i < 410; i++, t += HOUR) {
            h.processElement(profile(t, rows(i, random), 36, random), t);
        }

        List<AnomalyRecord> raised = h.extractOutputValues();
        assertThat(raised).extracting(AnomalyRecord::metric).containsExactly(MetricSample.PROFILE);
        // Six profiles here; the ten averaged mean it is at most ten whatever the forest's draws.
        assertThat(raised.get(0).observedMillis()).isBetween(wide, wide + 9 * HOUR);
        assertThat(sideOutput(h).get(0).detail())
                .startsWith("the profile as a whole is unusual: ")
                .contains("36 columns");
    }

    /** A table growing by a hundred rows an hour, give or take 300. */
    private static long rows(int hour, Random random) {
        return 1_000_000 + 100L * hour + Math.round(300 * random.nextGaussian());
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
