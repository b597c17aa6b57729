package io.dataspoke.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.event.MetadataChange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes DataHub's MetadataChangeLog (versioned and time-series topics) into {@link
 * MetadataChange}s. It reads with the writer schema the registry names and the bundled v1 schema as
 * reader schema, so messages from a newer DataHub decode as long as the change is compatible.
 */
public final class MetadataChangeLogDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FramedAvroReader reader;

    public MetadataChangeLogDecoder(SchemaResolver resolver) {
        this.reader = new FramedAvroReader(resolver, List.of(DataHubSchemas.metadataChangeLog()));
    }

    /**
     * The change in a framed MetadataChangeLog.
     *
     * @param timeseries true when the message came from the time-series topic
     */
    public MetadataChange decode(byte[] message, boolean timeseries) throws DecodeException {
        return decode(message, timeseries, 0L);
    }

    /**
     * The change in a framed MetadataChangeLog; {@code fallbackMillis} (e.g. the Kafka timestamp)
     * is its event time when the message carries none of created.time, the aspect's timestampMillis
     * and systemMetadata.lastObserved.
     */
    public MetadataChange decode(byte[] message, boolean timeseries, long fallbackMillis)
            throws DecodeException {
        return toChange(reader.read(message), timeseries, fallbackMillis, true);
    }

    /**
     * The MetadataChange of a decoded MetadataChangeLog or MetadataChangeProposal record (the two
     * share the fields read here; a proposal has no {@code created} or previous value).
     */
    static MetadataChange toChange(
            GenericRecord record, boolean timeseries, long fallbackMillis, boolean requireUrn)
            throws DecodeException {
        String entityUrn = string(record, "entityUrn");
        if (entityUrn == null && requireUrn) {
            throw new DecodeException(
                    record.getSchema().getName() + " has no entityUrn (only a key aspect)");
        }
        String aspectName = string(record, "aspectName");
        String aspectJson = aspectJson(record, "aspect");
        String previousJson = aspectJson(record, "previousAspectValue");
        GenericRecord created = field(record, "created");
        String actor = null;
        long eventMillis = 0;
        if (created != null) {
            eventMillis = (Long) created.get("time");
            actor = created.get("actor").toString();
        }
        boolean timeseriesAspect = timeseries || Aspects.isTimeseries(aspectName);
        if (eventMillis <= 0 && timeseriesAspect) {
            eventMillis = timestampMillis(aspectJson);
        }
        if (eventMillis <= 0) {
            GenericRecord systemMetadata = field(record, "systemMetadata");
            Object lastObserved =
                    systemMetadata == null ? null : systemMetadata.get("lastObserved");
            eventMillis = lastObserved == null ? 0 : (Long) lastObserved;
        }
        if (eventMillis <= 0) {
            eventMillis = fallbackMillis;
        }
        return new MetadataChange(
                entityUrn,
                string(record, "entityType"),
                aspectName,
                record.get("changeType").toString(),
                aspectJson,
                previousJson,
                eventMillis,
                actor,
                timeseries);
    }

    /** The top-level timestampMillis of a time-series aspect, 0 when it has none. */
    private static long timestampMillis(String aspectJson) {
        if (aspectJson == null) {
            return 0;
        }
        try {
            JsonNode timestamp = JSON.readTree(aspectJson).path("timestampMillis");
            return timestamp.canConvertToLong() ? timestamp.asLong() : 0;
        } catch (IOException e) {
            // Malformed aspect JSON is reported where the aspect is parsed, not here.
            return 0;
        }
    }

    private static String aspectJson(GenericRecord record, String field) throws DecodeException {
        GenericRecord aspect = field(record, field);
        if (aspect == null) {
            return null;
        }
        String contentType = aspect.get("contentType").toString();
        if (!contentType.startsWith("application/json")) {
            throw new DecodeException(
                    field + " has content type " + contentType + ", only application/json is read");
        }
        return AvroValues.utf8((ByteBuffer) aspect.get("value"));
    }

    private static GenericRecord field(GenericRecord record, String name) {
        return record.hasField(name) ? (GenericRecord) record.get(name) : null;
    }

    private static String string(GenericRecord record, String name) {
        Object value = record.get(name);
        return value == null ? null : value.toString();
    }
}
