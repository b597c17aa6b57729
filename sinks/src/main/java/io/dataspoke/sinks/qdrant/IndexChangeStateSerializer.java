package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Checkpoints the index changes a writer still buffers, field by field rather than with Java
 * serialization, so that a savepoint does not depend on the classes' serial form. The format is
 * part of the savepoint contract: change it only with a new version. Strings are length-prefixed
 * UTF-8 ({@code writeUTF} stops at 64 KB; a description can be longer).
 */
final class IndexChangeStateSerializer extends AsyncSinkWriterStateSerializer<IndexChange> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    protected void serializeRequestToStream(IndexChange change, DataOutputStream out)
            throws IOException {
        out.writeByte(change.kind().ordinal());
        writeString(out, change.id());
        switch (change.kind()) {
            case UPSERT -> {
                IndexedDocument document = change.document();
                writeString(out, document.id());
                out.writeInt(document.dense().length);
                for (float v : document.dense()) {
                    out.writeFloat(v);
                }
                SparseVector sparse = document.sparse();
                out.writeInt(sparse.size());
                for (int i = 0; i < sparse.size(); i++) {
                    out.writeInt(sparse.indices()[i]);
                    out.writeFloat(sparse.values()[i]);
                }
                writePayload(out, document.payload());
                writeString(out, document.contentHash());
            }
            case PAYLOAD -> writePayload(out, change.payload());
            case DELETE -> {}
        }
    }

    @Override
    protected IndexChange deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        int kind = in.readUnsignedByte();
        if (kind >= IndexChange.Kind.values().length) {
            throw new IOException("corrupt vector index sink state: unknown change kind " + kind);
        }
        String id = readString(in);
        return switch (IndexChange.Kind.values()[kind]) {
            case UPSERT -> {
                String documentId = readString(in);
                float[] dense = new float[readLength(in)];
                for (int i = 0; i < dense.length; i++) {
                    dense[i] = in.readFloat();
                }
                int terms = readLength(in);
                int[] indices = new int[terms];
                float[] values = new float[terms];
                for (int i = 0; i < terms; i++) {
                    indices[i] = in.readInt();
                    values[i] = in.readFloat();
                }
                DocumentPayload payload = readPayload(in);
                String contentHash = readString(in);
                yield new IndexChange(
                        IndexChange.Kind.UPSERT,
                        id,
                        new IndexedDocument(
                                documentId,
                                dense,
                                new SparseVector(indices, values),
                                payload,
                                contentHash),
                        null);
            }
            case PAYLOAD -> IndexChange.payload(id, readPayload(in));
            case DELETE -> IndexChange.delete(id);
        };
    }

    private static void writePayload(DataOutputStream out, DocumentPayload payload)
            throws IOException {
        writeString(out, payload.urn());
        writeString(out, payload.name());
        writeString(out, payload.platform());
        writeNullableString(out, payload.domain());
        writeStrings(out, payload.teams());
        writeStrings(out, payload.tags());
        writeStrings(out, payload.owners());
        writeNullableString(out, payload.description());
        out.writeBoolean(payload.healthScore() != null);
        if (payload.healthScore() != null) {
            out.writeDouble(payload.healthScore());
        }
        writeNullableString(out, payload.qualityStatus());
        out.writeInt(payload.openIncidents());
        out.writeBoolean(payload.pii());
        out.writeBoolean(payload.deprecated());
    }

    private static DocumentPayload readPayload(DataInputStream in) throws IOException {
        String urn = readString(in);
        String name = readString(in);
        String platform = readString(in);
        String domain = readNullableString(in);
        List<String> teams = readStrings(in);
        List<String> tags = readStrings(in);
        List<String> owners = readStrings(in);
        String description = readNullableString(in);
        Double health = in.readBoolean() ? in.readDouble() : null;
        String status = readNullableString(in);
        int incidents = in.readInt();
        boolean pii = in.readBoolean();
        boolean deprecated = in.readBoolean();
        return new DocumentPayload(
                urn,
                name,
                platform,
                domain,
                teams,
                tags,
                owners,
                description,
                health,
                status,
                incidents,
                pii,
                deprecated);
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int size = readLength(in);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeNullableString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[readLength(in)];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int readLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt vector index sink state: negative length " + length);
        }
        return length;
    }
}
