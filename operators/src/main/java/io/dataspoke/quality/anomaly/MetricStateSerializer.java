package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.MetricState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink state serializer of a {@link MetricState}: {@link AnomalyModels#writeState}, the filtered
 * format of trained models without their compression, length-prefixed.
 */
public final class MetricStateSerializer extends TypeSerializerSingleton<MetricState> {

    private static final long serialVersionUID = 1L;

    public static final MetricStateSerializer INSTANCE = new MetricStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public MetricState createInstance() {
        return null;
    }

    @Override
    public MetricState copy(MetricState from) {
        return AnomalyModels.read(AnomalyModels.writeState(from), MetricState.class);
    }

    @Override
    public MetricState copy(MetricState from, MetricState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(MetricState record, DataOutputView target) throws IOException {
        byte[] bytes = AnomalyModels.writeState(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public MetricState deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return AnomalyModels.read(bytes, MetricState.class);
    }

    @Override
    public MetricState deserialize(MetricState reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<MetricState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
