package io.dataspoke.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.event.EntityChange;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes DataHub's PlatformEvent topic. Only events named {@code entityChangeEvent} become {@link
 * EntityChange}s; other platform events are legal and skipped. The EntityChangeEvent itself is JSON
 * in {@code payload.value}, shaped as {@code EntityChangeEvent.pdl} says.
 */
public final class PlatformEventDecoder {

    /** The PlatformEvent name of an EntityChangeEvent. */
    public static final String ENTITY_CHANGE_EVENT = "entityChangeEvent";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FramedAvroReader reader;

    public PlatformEventDecoder(SchemaResolver resolver) {
        this.reader = new FramedAvroReader(resolver, List.of(DataHubSchemas.platformEvent()));
    }

    /** The EntityChange in a framed PlatformEvent; empty for other kinds of platform event. */
    public Optional<EntityChange> decode(byte[] message) throws DecodeException {
        GenericRecord event = reader.read(message);
        String name = event.get("name").toString();
        if (!ENTITY_CHANGE_EVENT.equals(name)) {
            return Optional.empty();
        }
        GenericRecord header = (GenericRecord) event.get("header");
        long headerMillis = (Long) header.get("timestampMillis");
        GenericRecord payload = (GenericRecord) event.get("payload");
        String contentType = payload.get("contentType").toString();
        if (!contentType.startsWith("application/json")) {
            throw new DecodeException(
                    "entityChangeEvent payload has content type "
                            + contentType
                            + ", only application/json is read");
        }
        String json = AvroValues.utf8((ByteBuffer) payload.get("value"));
        return Optional.of(parseEntityChangeEvent(json, headerMillis));
    }

    /**
     * An EntityChangeEvent from its JSON. entityUrn, entityType, category and operation are
     * required; the event time is auditStamp.time, else {@code fallbackMillis} (the PlatformEvent
     * header's time); version defaults to 0 (DataHub's own documentation examples omit it).
     */
    public static EntityChange parseEntityChangeEvent(String json, long fallbackMillis)
            throws DecodeException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(
                    "entityChangeEvent payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException("entityChangeEvent payload is not a JSON object");
        }
        JsonNode parameters = root.path("parameters");
        JsonNode auditStamp = root.path("auditStamp");
        long time =
                auditStamp.path("time").canConvertToLong() ? auditStamp.path("time").asLong() : 0;
        return new EntityChange(
                required(root, "entityUrn"),
                required(root, "entityType"),
                required(root, "category"),
                required(root, "operation"),
                optional(root, "modifier"),
                parameters.isObject() ? parameters.toString() : null,
                time > 0 ? time : fallbackMillis,
                auditStamp.path("actor").isTextual() ? auditStamp.path("actor").asText() : null,
                root.path("version").asLong(0));
    }

    private static String required(JsonNode root, String field) throws DecodeException {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new DecodeException(
                    "entityChangeEvent."
                            + field
                            + (node == null || node.isNull() ? " is missing" : " is not a string"));
        }
        return node.asText();
    }

    private static String optional(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
