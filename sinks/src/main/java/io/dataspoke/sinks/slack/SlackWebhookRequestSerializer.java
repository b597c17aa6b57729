package io.dataspoke.sinks.slack;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Writes the Slack requests still buffered at a checkpoint, so that a restored job sends them. The
 * format is part of the savepoint contract: change it only with a new version.
 */
public final class SlackWebhookRequestSerializer
        extends AsyncSinkWriterStateSerializer<SlackWebhookRequest> {

    @Override
    protected void serializeRequestToStream(SlackWebhookRequest request, DataOutputStream out)
            throws IOException {
        writeString(request.dedupKey(), out);
        writeString(request.payloadJson(), out);
    }

    @Override
    protected SlackWebhookRequest deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        String dedupKey = readString(in);
        String payload = readString(in);
        return new SlackWebhookRequest(dedupKey, payload);
    }

    @Override
    public int getVersion() {
        return 1;
    }

    // writeUTF stops at 64 KB; a payload may be longer.
    private static void writeString(String value, DataOutputStream out) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt Slack sink state: negative string length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
