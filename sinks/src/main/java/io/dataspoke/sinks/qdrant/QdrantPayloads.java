package io.dataspoke.sinks.qdrant;

import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.nullValue;
import static io.qdrant.client.ValueFactory.value;

import io.dataspoke.knowledge.DocumentPayload;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's payload as Qdrant keeps it: snake_case keys, one per field of {@link
 * DocumentPayload}, plus the content hash. Absent values are written as explicit nulls, so a
 * payload update that merges these keys clears a field that became null instead of keeping it.
 */
final class QdrantPayloads {

    static final String URN = "urn";
    static final String NAME = "name";
    static final String PLATFORM = "platform";
    static final String DOMAIN = "domain";
    static final String TEAMS = "teams";
    static final String TAGS = "tags";
    static final String OWNERS = "owners";
    static final String DESCRIPTION = "description";
    static final String HEALTH_SCORE = "health_score";
    static final String QUALITY_STATUS = "quality_status";
    static final String OPEN_INCIDENTS = "open_incidents";
    static final String PII = "pii";
    static final String DEPRECATED = "deprecated";
    static final String CONTENT_HASH = "content_hash";

    private QdrantPayloads() {}

    /** The document's fields; the content hash is not among them. */
    static Map<String, Value> of(DocumentPayload payload) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put(URN, value(payload.urn()));
        fields.put(NAME, value(payload.name()));
        fields.put(PLATFORM, value(payload.platform()));
        fields.put(DOMAIN, nullable(payload.domain()));
        fields.put(TEAMS, strings(payload.teams()));
        fields.put(TAGS, strings(payload.tags()));
        fields.put(OWNERS, strings(payload.owners()));
        fields.put(DESCRIPTION, nullable(payload.description()));
        fields.put(
                HEALTH_SCORE,
                payload.healthScore() == null ? nullValue() : value(payload.healthScore()));
        fields.put(QUALITY_STATUS, nullable(payload.qualityStatus()));
        fields.put(OPEN_INCIDENTS, value((long) payload.openIncidents()));
        fields.put(PII, value(payload.pii()));
        fields.put(DEPRECATED, value(payload.deprecated()));
        return fields;
    }

    /** The document's fields and its content hash, as an upsert writes them. */
    static Map<String, Value> of(DocumentPayload payload, String contentHash) {
        Map<String, Value> fields = of(payload);
        fields.put(CONTENT_HASH, value(contentHash));
        return fields;
    }

    /** The document payload a point carries. */
    static DocumentPayload toDocument(Map<String, Value> fields) {
        return new DocumentPayload(
                string(fields, URN),
                string(fields, NAME),
                string(fields, PLATFORM),
                string(fields, DOMAIN),
                strings(fields, TEAMS),
                strings(fields, TAGS),
                strings(fields, OWNERS),
                string(fields, DESCRIPTION),
                number(fields, HEALTH_SCORE),
                string(fields, QUALITY_STATUS),
                (int) integer(fields, OPEN_INCIDENTS),
                bool(fields, PII),
                bool(fields, DEPRECATED));
    }

    private static Value nullable(String text) {
        return text == null ? nullValue() : value(text);
    }

    private static Value strings(List<String> values) {
        List<Value> items = new ArrayList<>(values.size());
        values.forEach(v -> items.add(value(v)));
        return list(items);
    }

    private static String string(Map<String, Value> fields, String key) {
        Value v = fields.get(key);
        return v != null && v.hasStringValue() ? v.getStringValue() : null;
    }

    private static List<String> strings(Map<String, Value> fields, String key) {
        Value v = fields.get(key);
        if (v == null || !v.hasListValue()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Value item : v.getListValue().getValuesList()) {
            if (item.hasStringValue()) {
                values.add(item.getStringValue());
            }
        }
        return values;
    }

    private static Double number(Map<String, Value> fields, String key) {
        Value v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v.hasDoubleValue()) {
            return v.getDoubleValue();
        }
        return v.hasIntegerValue() ? (double) v.getIntegerValue() : null;
    }

    private static long integer(Map<String, Value> fields, String key) {
        Value v = fields.get(key);
        if (v == null) {
            return 0;
        }
        if (v.hasIntegerValue()) {
            return v.getIntegerValue();
        }
        return v.hasDoubleValue() ? (long) v.getDoubleValue() : 0;
    }

    private static boolean bool(Map<String, Value> fields, String key) {
        Value v = fields.get(key);
        return v != null && v.hasBoolValue() && v.getBoolValue();
    }
}
