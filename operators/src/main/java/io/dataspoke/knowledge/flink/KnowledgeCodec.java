package io.dataspoke.knowledge.flink;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The binary form of the knowledge base's records, field by field, nulls marked. */
public final class KnowledgeCodec {

    private KnowledgeCodec() {}

    public static void writePayload(DocumentPayload p, DataOutput out) throws IOException {
        out.writeUTF(p.urn());
        out.writeUTF(p.name());
        out.writeUTF(p.platform());
        writeNullable(p.domain(), out);
        writeList(p.teams(), out);
        writeList(p.tags(), out);
        writeList(p.owners(), out);
        writeLong(p.description(), out);
        out.writeBoolean(p.healthScore() != null);
        if (p.healthScore() != null) {
            out.writeDouble(p.healthScore());
        }
        writeNullable(p.qualityStatus(), out);
        out.writeInt(p.openIncidents());
        out.writeBoolean(p.pii());
        out.writeBoolean(p.deprecated());
    }

    public static DocumentPayload readPayload(DataInput in) throws IOException {
        return new DocumentPayload(
                in.readUTF(),
                in.readUTF(),
                in.readUTF(),
                readNullable(in),
                readList(in),
                readList(in),
                readList(in),
                readLong(in),
                in.readBoolean() ? in.readDouble() : null,
                readNullable(in),
                in.readInt(),
                in.readBoolean(),
                in.readBoolean());
    }

    public static void writeSparse(SparseVector v, DataOutput out) throws IOException {
        out.writeInt(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.writeInt(v.indices()[i]);
            out.writeFloat(v.values()[i]);
        }
    }

    public static SparseVector readSparse(DataInput in) throws IOException {
        int n = in.readInt();
        int[] indices = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            indices[i] = in.readInt();
            values[i] = in.readFloat();
        }
        return new SparseVector(indices, values);
    }

    public static void writeDocument(IndexedDocument d, DataOutput out) throws IOException {
        out.writeUTF(d.id());
        out.writeInt(d.dense().length);
        for (float x : d.dense()) {
            out.writeFloat(x);
        }
        writeSparse(d.sparse(), out);
        writePayload(d.payload(), out);
        out.writeUTF(d.contentHash());
    }

    public static IndexedDocument readDocument(DataInput in) throws IOException {
        String id = in.readUTF();
        float[] dense = new float[in.readInt()];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = in.readFloat();
        }
        return new IndexedDocument(id, dense, readSparse(in), readPayload(in), in.readUTF());
    }

    public static void writeSearchDocument(SearchDocument d, DataOutput out) throws IOException {
        out.writeUTF(d.id());
        writeLong(d.text(), out);
        out.writeInt(d.fields().size());
        for (LexicalEncoder.Field field : d.fields()) {
            writeLong(field.text(), out);
            out.writeFloat(field.boost());
        }
        writePayload(d.payload(), out);
    }

    public static SearchDocument readSearchDocument(DataInput in) throws IOException {
        String id = in.readUTF();
        String text = readLong(in);
        int n = in.readInt();
        List<LexicalEncoder.Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fields.add(new LexicalEncoder.Field(readLong(in), in.readFloat()));
        }
        return new SearchDocument(id, text, fields, readPayload(in));
    }

    public static void writeChange(IndexChange c, DataOutput out) throws IOException {
        out.writeByte(c.kind().ordinal());
        switch (c.kind()) {
            case UPSERT -> writeDocument(c.document(), out);
            case PAYLOAD -> {
                out.writeUTF(c.id());
                writePayload(c.payload(), out);
            }
            case DELETE -> out.writeUTF(c.id());
        }
    }

    public static IndexChange readChange(DataInput in) throws IOException {
        IndexChange.Kind kind = IndexChange.Kind.values()[in.readByte()];
        return switch (kind) {
            case UPSERT -> IndexChange.upsert(readDocument(in));
            case PAYLOAD -> IndexChange.payload(in.readUTF(), readPayload(in));
            case DELETE -> IndexChange.delete(in.readUTF());
        };
    }

    static void writeNullable(String s, DataOutput out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readNullable(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Text that may pass writeUTF's 64 KB (descriptions): length-prefixed UTF-8; null allowed. */
    static void writeLong(String s, DataOutput out) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readLong(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeList(List<String> list, DataOutput out) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    private static List<String> readList(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }
}
