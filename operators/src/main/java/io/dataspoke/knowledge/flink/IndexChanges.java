package io.dataspoke.knowledge.flink;

import io.dataspoke.knowledge.index.IndexChange;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink type information of {@link IndexChange}, the knowledge-sync job's output. */
public final class IndexChanges {

    /** The type information to declare on the stream of index changes. */
    public static final TypeInformation<IndexChange> TYPE =
            new CodecTypeInfo<>(IndexChange.class, Serializer.INSTANCE);

    private IndexChanges() {}

    /** The serializer of {@link IndexChange}. */
    public static final class Serializer extends CodecSerializer<IndexChange> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected void write(IndexChange c, DataOutputView out) throws IOException {
            KnowledgeCodec.writeChange(c, out);
        }

        @Override
        protected IndexChange read(DataInputView in) throws IOException {
            return KnowledgeCodec.readChange(in);
        }

        @Override
        public TypeSerializerSnapshot<IndexChange> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Restores the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<IndexChange> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
