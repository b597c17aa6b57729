package io.dataspoke.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.DatasetDetectors;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.MetricState;
import io.dataspoke.anomaly.Point;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class DetectorsSerializerTest {

    private static MetricState learned() {
        MetricState state = MetricState.fresh(MetricSample.nullRatio("email"));
        for (int i = 0; i < 100; i++) {
            state.advanceTo(i);
            state.detector().score(Point.of(i, 0.01 + (i % 7) * 0.001));
        }
        return state;
    }

    @Test
    void aStateWrittenAndReadScoresTheNextPointsAsTheOriginal() throws Exception {
        DatasetDetectors detectors = new DatasetDetectors();
        detectors.put("m", learned());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        DetectorsSerializer.INSTANCE.serialize(detectors, out);
        MetricState original = detectors.get("m");
        MetricState read =
                DetectorsSerializer.INSTANCE
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))
                        .get("m");
        MetricState copy = DetectorsSerializer.INSTANCE.copy(detectors).get("m");
        for (int i = 100; i < 150; i++) {
            Point p = Point.of(i, i == 120 ? 0.4 : 0.012);
            var expected = original.detector().score(p);
            assertThat(read.detector().score(p)).isEqualTo(expected);
            assertThat(copy.detector().score(p)).isEqualTo(expected);
        }
        // Time does not run backwards after a restore either.
        assertThat(read.advanceTo(50)).isFalse();
        assertThat(DetectorsSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(DetectorsSerializer.INSTANCE);
    }

    /**
     * Savepoints of earlier builds hold each dataset's state as a length and Java serialization.
     */
    @Test
    void stateWrittenByEarlierBuildsIsStillRestored() throws Exception {
        DatasetDetectors detectors = new DatasetDetectors();
        detectors.put("m", learned());
        java.io.ByteArrayOutputStream legacy = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(legacy)) {
            out.writeObject(detectors);
        }
        DataOutputSerializer view = new DataOutputSerializer(1024);
        view.writeInt(legacy.size());
        view.write(legacy.toByteArray());
        MetricState read =
                DetectorsSerializer.INSTANCE
                        .deserialize(new DataInputDeserializer(view.getCopyOfBuffer()))
                        .get("m");
        Point p = Point.of(100, 0.3);
        assertThat(read.detector().score(p)).isEqualTo(detectors.get("m").detector().score(p));
    }
}
