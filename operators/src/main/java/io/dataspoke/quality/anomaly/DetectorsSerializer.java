package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.DatasetDetectors;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink state serializer of a dataset's {@link DatasetDetectors}: {@link AnomalyModels#writeState},
 * the filtered format of trained models without their compression, length-prefixed.
 */
public final class DetectorsSerializer extends TypeSerializerSingleton<DatasetDetectors> {

    private static final long serialVersionUID = 1L;

    public static final DetectorsSerializer INSTANCE = new DetectorsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DatasetDetectors createInstance() {
        return null;
    }

    @Override
    public DatasetDetectors copy(DatasetDetectors from) {
        return AnomalyModels.read(AnomalyModels.writeState(from), DatasetDetectors.class);
    }

    @Override
    public DatasetDetectors copy(DatasetDetectors from, DatasetDetectors reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DatasetDetectors record, DataOutputView target) throws IOException {
        byte[] bytes = AnomalyModels.writeState(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public DatasetDetectors deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return AnomalyModels.read(bytes, DatasetDetectors.class);
    }

    @Override
    public DatasetDetectors deserialize(DatasetDetectors reuse, DataInputView source)
            throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public TypeSerializerSnapshot<DatasetDetectors> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the singleton. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DatasetDetectors> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
