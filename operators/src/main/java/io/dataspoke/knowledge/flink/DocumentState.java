package io.dataspoke.knowledge.flink;

import io.dataspoke.knowledge.DocumentPayload;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the knowledge-sync job remembers of one entity: the content hash and payload it last sent to
 * the index (both null while it is not indexed), and the latest quality heard of it.
 */
@TypeInfo(DocumentState.Types.class)
public record DocumentState(String contentHash, DocumentPayload payload, QualityUpdate quality) {

    public boolean indexed() {
        return contentHash != null;
    }

    /** Flink type information: written field by field. */
    public static final class Types extends TypeInfoFactory<DocumentState> {
        @Override
        public TypeInformation<DocumentState> createTypeInfo(
                java.lang.reflect.Type t, java.util.Map<String, TypeInformation<?>> generics) {
            return new CodecTypeInfo<>(DocumentState.class, Serializer.INSTANCE);
        }
    }

    /** The serializer of {@link DocumentState}. */
    public static final class Serializer extends CodecSerializer<DocumentState> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected void write(DocumentState s, DataOutputView out) throws IOException {
            KnowledgeCodec.writeNullable(s.contentHash(), out);
            out.writeBoolean(s.payload() != null);
            if (s.payload() != null) {
                KnowledgeCodec.writePayload(s.payload(), out);
            }
            out.writeBoolean(s.quality() != null);
            if (s.quality() != null) {
                QualityUpdate.Serializer.INSTANCE.serialize(s.quality(), out);
            }
        }

        @Override
        protected DocumentState read(DataInputView in) throws IOException {
            String hash = KnowledgeCodec.readNullable(in);
            DocumentPayload payload = in.readBoolean() ? KnowledgeCodec.readPayload(in) : null;
            QualityUpdate quality =
                    in.readBoolean() ? QualityUpdate.Serializer.INSTANCE.deserialize(in) : null;
            return new DocumentState(hash, payload, quality);
        }

        @Override
        public TypeSerializerSnapshot<DocumentState> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Restores the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DocumentState> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
