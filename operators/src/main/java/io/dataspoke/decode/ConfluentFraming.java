package io.dataspoke.decode;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format, which DataHub uses on its topics: a zero magic byte, the writer schema's
 * registry id as a big-endian int32, then the Avro binary body.
 */
public final class ConfluentFraming {

    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentFraming() {}

    /** {@code body} framed with {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] body) {
        return ByteBuffer.allocate(HEADER_SIZE + body.length)
                .put(MAGIC)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    /** The schema id of a framed message; fails if the bytes are not framed. */
    public static int schemaId(byte[] message) throws DecodeException {
        if (message == null || message.length < HEADER_SIZE) {
            throw new DecodeException(
                    "not a Confluent-framed Avro message: "
                            + (message == null ? "no value" : message.length + " bytes")
                            + ", need at least "
                            + HEADER_SIZE);
        }
        if (message[0] != MAGIC) {
            throw new DecodeException(
                    "not a Confluent-framed Avro message: magic byte is "
                            + (message[0] & 0xff)
                            + ", expected 0");
        }
        return ByteBuffer.wrap(message, 1, 4).getInt();
    }
}
