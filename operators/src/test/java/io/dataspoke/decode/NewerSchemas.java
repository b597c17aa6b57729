package io.dataspoke.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The MetadataChangeLog schema that DataHub 1.1 writes with, rebuilt from the v1 schema.
 *
 * <p>The time-series fixture has 43 bytes after the point where a v1 reader stops. Read against the
 * SystemMetadata.pdl of this DataHub snapshot, they are: two null unions for SystemMetadata's new
 * optional {@code aspectCreated} and {@code aspectModified} AuditStamps, the unchanged null {@code
 * headers}, {@code previousAspectValue} and {@code previousSystemMetadata}, and then a present
 * {@code created} AuditStamp (branch 1, time 1755485812532, actor urn:li:corpuser:__datahub_system,
 * no impersonator, no message). A v1 reader takes the first three of those zeros as headers,
 * previous value and previous system metadata, the fourth as a null {@code created}, and leaves the
 * rest over.
 */
final class NewerSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIT_STAMP = "com.linkedin.common.AuditStamp";

    private NewerSchemas() {}

    static Schema metadataChangeLogWithAspectStamps() {
        try {
            ObjectNode mcl =
                    (ObjectNode) JSON.readTree(DataHubSchemas.metadataChangeLog().toString());
            ArrayNode fields = (ArrayNode) mcl.get("fields");
            JsonNode created = field(fields, "created");
            JsonNode auditStampDefinition = created.get("type").get(1);

            ObjectNode systemMetadata =
                    (ObjectNode) field(fields, "systemMetadata").get("type").get(1);
            ArrayNode systemFields = (ArrayNode) systemMetadata.get("fields");
            // AuditStamp is first defined here now, so later uses refer to it by name.
            systemFields.add(optional("aspectCreated", auditStampDefinition.deepCopy()));
            systemFields.add(
                    optional("aspectModified", JSON.getNodeFactory().textNode(AUDIT_STAMP)));
            ((ObjectNode) created).set("type", nullOr(JSON.getNodeFactory().textNode(AUDIT_STAMP)));
            return new Schema.Parser().parse(mcl.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode field(ArrayNode fields, String name) {
        for (JsonNode field : fields) {
            if (name.equals(field.get("name").asText())) {
                return field;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    private static ObjectNode optional(String name, JsonNode type) {
        ObjectNode field = JsonNodeFactory.instance.objectNode();
        field.put("name", name);
        field.set("type", nullOr(type));
        field.putNull("default");
        return field;
    }

    private static ArrayNode nullOr(JsonNode type) {
        ArrayNode union = JsonNodeFactory.instance.arrayNode();
        union.add("null");
        union.add(type);
        return union;
    }
}
