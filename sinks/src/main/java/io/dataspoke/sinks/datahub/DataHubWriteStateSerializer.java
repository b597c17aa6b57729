package io.dataspoke.sinks.datahub;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Checkpoints the writes a writer still buffers. Strings are length-prefixed UTF-8 rather than
 * {@code writeUTF}, which stops at 64 KB and an aspect can be larger.
 */
final class DataHubWriteStateSerializer extends AsyncSinkWriterStateSerializer<DataHubWrite> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    protected void serializeRequestToStream(DataHubWrite write, DataOutputStream out)
            throws IOException {
        writeString(out, write.entityType());
        writeString(out, write.entityUrn());
        writeString(out, write.aspectName());
        writeString(out, write.aspectJson());
        writeString(out, write.changeType().name());
    }

    @Override
    protected DataHubWrite deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        return new DataHubWrite(
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                DataHubChangeType.valueOf(readString(in)));
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
