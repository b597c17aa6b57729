package io.dataspoke.knowledge.flink;

import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.index.IndexChange;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the document function decides for one entity: a document to embed (its text changed), or an
 * index change that needs no embedding (a payload update or a delete).
 *
 * @param toEmbed set when the document must be (re-)embedded
 * @param change set otherwise
 */
@TypeInfo(DocumentChange.Types.class)
public record DocumentChange(SearchDocument toEmbed, IndexChange change) {

    public DocumentChange {
        if ((toEmbed == null) == (change == null)) {
            throw new IllegalArgumentException("a document change is one of toEmbed or change");
        }
    }

    public static DocumentChange embed(SearchDocument document) {
        return new DocumentChange(document, null);
    }

    public static DocumentChange of(IndexChange change) {
        return new DocumentChange(null, change);
    }

    /** Flink type information: written field by field. */
    public static final class Types extends TypeInfoFactory<DocumentChange> {
        @Override
        public TypeInformation<DocumentChange> createTypeInfo(
                java.lang.reflect.Type t, java.util.Map<String, TypeInformation<?>> generics) {
            return new CodecTypeInfo<>(DocumentChange.class, Serializer.INSTANCE);
        }
    }

    /** The serializer of {@link DocumentChange}. */
    public static final class Serializer extends CodecSerializer<DocumentChange> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        protected void write(DocumentChange c, DataOutputView out) throws IOException {
            out.writeBoolean(c.toEmbed() != null);
            if (c.toEmbed() != null) {
                KnowledgeCodec.writeSearchDocument(c.toEmbed(), out);
            } else {
                KnowledgeCodec.writeChange(c.change(), out);
            }
        }

        @Override
        protected DocumentChange read(DataInputView in) throws IOException {
            return in.readBoolean()
                    ? embed(KnowledgeCodec.readSearchDocument(in))
                    : of(KnowledgeCodec.readChange(in));
        }

        @Override
        public TypeSerializerSnapshot<DocumentChange> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Restores the serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DocumentChange> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
