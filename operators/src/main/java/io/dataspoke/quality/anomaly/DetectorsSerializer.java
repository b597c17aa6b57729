package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.DatasetDetectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink state serializer of a dataset's {@link DatasetDetectors}: the detectors' binary form
 * ({@link AnomalyModels#writeState(DatasetDetectors, DataOutputView)}), written straight onto the
 * view, never Kryo. State written by earlier builds (length-prefixed Java serialization) is still
 * read.
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
        try {
            DataOutputSerializer out = new DataOutputSerializer(4096);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy detector state", e);
        }
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
        AnomalyModels.writeState(record, target);
    }

    @Override
    public DatasetDetectors deserialize(DataInputView source) throws IOException {
        return AnomalyModels.readState(source);
    }

    @Override
    public DatasetDetectors deserialize(DatasetDetectors reuse, DataInputView source)
            throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
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
