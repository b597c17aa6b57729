package io.dataspoke.decode;

import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes DataSpoke events as DataHub writes them to Kafka: Avro with the v1 schemas in Confluent
 * framing. Used by the demo to replay a history and by tests; the inverse of the decoders.
 */
public final class DataHubAvroEncoder {

    private static final String JSON = "application/json";

    private final Schema mcl = DataHubSchemas.metadataChangeLog();
    private final Schema platformEvent = DataHubSchemas.platformEvent();
    private final GenericDatumWriter<GenericRecord> mclWriter = new GenericDatumWriter<>(mcl);
    private final GenericDatumWriter<GenericRecord> platformEventWriter =
            new GenericDatumWriter<>(platformEvent);

    /** {@code change} as a framed MetadataChangeLog, with DataHub's id for its topic. */
    public byte[] encode(MetadataChange change) {
        GenericRecord record = new GenericData.Record(mcl);
        record.put("entityType", change.entityType());
        record.put("entityUrn", change.entityUrn());
        record.put(
                "changeType",
                new GenericData.EnumSymbol(
                        mcl.getField("changeType").schema(), change.changeType()));
        record.put("aspectName", change.aspectName());
        record.put("aspect", genericAspect(change.aspectJson()));
        record.put("previousAspectValue", genericAspect(change.previousAspectJson()));
        Schema systemMetadata = nonNull(mcl.getField("systemMetadata").schema());
        GenericRecord system = new GenericData.Record(systemMetadata);
        system.put("lastObserved", change.eventMillis());
        system.put("runId", "dataspoke-demo");
        record.put("systemMetadata", system);
        Schema auditStamp = nonNull(mcl.getField("created").schema());
        GenericRecord created = new GenericData.Record(auditStamp);
        created.put("time", change.eventMillis());
        created.put("actor", change.actor() == null ? "urn:li:corpuser:datahub" : change.actor());
        record.put("created", created);
        int id =
                change.timeseries()
                        ? DataHubSchemas.MCL_TIMESERIES_ID
                        : DataHubSchemas.MCL_VERSIONED_ID;
        return ConfluentFraming.frame(id, write(mclWriter, record));
    }

    /** {@code change} as a framed PlatformEvent named {@code entityChangeEvent}. */
    public byte[] encode(EntityChange change, String payloadJson) {
        GenericRecord header = new GenericData.Record(platformEvent.getField("header").schema());
        header.put("timestampMillis", change.eventMillis());
        GenericRecord payload = new GenericData.Record(platformEvent.getField("payload").schema());
        payload.put("value", ByteBuffer.wrap(payloadJson.getBytes(StandardCharsets.UTF_8)));
        payload.put("contentType", JSON);
        GenericRecord record = new GenericData.Record(platformEvent);
        record.put("header", header);
        record.put("name", "entityChangeEvent");
        record.put("payload", payload);
        return ConfluentFraming.frame(
                DataHubSchemas.PLATFORM_EVENT_ID, write(platformEventWriter, record));
    }

    private GenericRecord genericAspect(String json) {
        if (json == null) {
            return null;
        }
        Schema schema = nonNull(mcl.getField("aspect").schema());
        GenericRecord aspect = new GenericData.Record(schema);
        aspect.put("value", ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        aspect.put("contentType", JSON);
        return aspect;
    }

    private static Schema nonNull(Schema union) {
        return union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }

    private static byte[] write(GenericDatumWriter<GenericRecord> writer, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Avro encoding failed", e);
        }
    }
}
