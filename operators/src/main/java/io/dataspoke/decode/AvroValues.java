package io.dataspoke.decode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Conversions of Avro generic values. */
final class AvroValues {

    private AvroValues() {}

    /** The bytes as UTF-8 text; malformed UTF-8 is an error, not replacement characters. */
    static String utf8(ByteBuffer bytes) throws DecodeException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate())
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("payload is not valid UTF-8", e);
        }
    }
}
