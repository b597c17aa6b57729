package io.dataspoke.decode;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads a Confluent-framed Avro message with the writer schema its id names and one of the bundled
 * schemas as reader schema, so Avro's schema resolution absorbs fields a newer DataHub adds. The
 * whole body must be consumed: bytes left over mean the writer schema was not the one the message
 * was written with, and reading on would silently produce wrong values.
 */
final class FramedAvroReader {

    private final SchemaResolver resolver;
    private final Map<String, Schema> readerSchemas;
    private final Map<Schema, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

    /** A reader that accepts messages whose writer schema has the full name of one of these. */
    FramedAvroReader(SchemaResolver resolver, List<Schema> readerSchemas) {
        this.resolver = resolver;
        this.readerSchemas =
                readerSchemas.stream().collect(Collectors.toMap(Schema::getFullName, s -> s));
    }

    GenericRecord read(byte[] message) throws DecodeException {
        int id = ConfluentFraming.schemaId(message);
        Schema writer = resolver.writerSchema(id);
        Schema reader = readerSchemas.get(writer.getFullName());
        if (reader == null) {
            throw new DecodeException(
                    "schema id "
                            + id
                            + " is "
                            + writer.getFullName()
                            + ", expected "
                            + String.join(" or ", readerSchemas.keySet()));
        }
        GenericDatumReader<GenericRecord> datumReader =
                readers.computeIfAbsent(writer, w -> new GenericDatumReader<>(w, reader));
        int bodyLength = message.length - ConfluentFraming.HEADER_SIZE;
        BinaryDecoder in =
                DecoderFactory.get()
                        .binaryDecoder(message, ConfluentFraming.HEADER_SIZE, bodyLength, null);
        GenericRecord record;
        try {
            record = datumReader.read(null, in);
        } catch (EOFException e) {
            throw new DecodeException(
                    "truncated Avro body: "
                            + bodyLength
                            + " bytes end before the "
                            + writer.getName()
                            + " record (schema id "
                            + id
                            + ") does",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException(
                    "Avro body does not decode as "
                            + writer.getName()
                            + " (schema id "
                            + id
                            + "): "
                            + e,
                    e);
        }
        int left = remaining(in);
        if (left > 0) {
            throw new DecodeException(
                    left
                            + " trailing bytes after the "
                            + writer.getName()
                            + " record: schema id "
                            + id
                            + " is not the schema the message was written with");
        }
        return record;
    }

    private static int remaining(BinaryDecoder in) throws DecodeException {
        try {
            return in.isEnd() ? 0 : Math.max(1, in.inputStream().available());
        } catch (IOException e) {
            throw new DecodeException("cannot check for trailing bytes: " + e, e);
        }
    }
}
