package io.dataspoke.knowledge.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the health and quality jobs last said of a dataset: its documentation health score and its
 * circuit-breaker status with the incidents open on it. Goes into the search document's payload
 * without re-embedding it.
 *
 * @param healthScore null when not audited
 * @param status PASS, WARN or BLOCK; null when not judged
 */
@TypeInfo(QualityUpdate.Types.class)
public record QualityUpdate(String urn, Double healthScore, String status, int openIncidents) {

    /** Flink type information: written field by field. */
    public static final class Types extends TypeInfoFactory<QualityUpdate> {
        @Override
        public TypeInformation<QualityUpdate> createTypeInfo(
                java.lang.reflect.Type t, java.util.Map<String, TypeInformation<?>> generics) {
            return new CodecTypeInfo<>(QualityUpdate.class, Serializer.INSTANCE);
        }
    }

    /** The serializer of {@link QualityUpdate}. */
    public static final class Serializer extends CodecSerializer<QualityUpdate> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected void write(QualityUpdate u, DataOutputView out) throws IOException {
            out.writeUTF(u.urn());
            out.writeBoolean(u.healthScore() != null);
            if (u.healthScore() != null) {
                out.writeDouble(u.healthScore());
            }
            KnowledgeCodec.writeNullable(u.status(), out);
            out.writeInt(u.openIncidents());
        }

        @Override
        protected QualityUpdate read(DataInputView in) throws IOException {
            return new QualityUpdate(
                    in.readUTF(),
                    in.readBoolean() ? in.readDouble() : null,
                    KnowledgeCodec.readNullable(in),
                    in.readInt());
        }

        @Override
        public org.apache.flink.api.common.typeutils.TypeSerializerSnapshot<QualityUpdate>
                snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Restores the serializer. */
    public static final class Snapshot
            extends org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot<
                    QualityUpdate> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
