package io.dataspoke.mce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.event.MetadataChange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads DataHub's file formats for metadata, a JSON array (or a single object) of
 * MetadataChangeEvents and MetadataChangeProposals as in {@code bootstrap_mce.json} and the
 * ingestion golden files, into the {@link MetadataChange}s a MetadataChangeLog would carry.
 *
 * <ul>
 *   <li>An MCE snapshot gives one UPSERT per aspect; the aspect name is the lowerCamel simple name
 *       of the aspect class ({@code com.linkedin.pegasus2avro.dataset.DatasetProperties} → {@code
 *       datasetProperties}, {@code MLFeatureProperties} → {@code mlFeatureProperties}), the entity
 *       type is the one in the URN ({@code urn:li:<type>:…}).
 *   <li>An MCP is kept as it is; its aspect is {@code aspect.value} (a JSON string) or {@code
 *       aspect.json} (a JSON string or object).
 *   <li>MCE aspects are Avro-JSON: union wrappers are rewritten to the plain pegasus JSON of MCL
 *       {@code aspect.value} (see {@link #toPegasusJson}), so {@link Aspects#parse} reads both
 *       sources alike.
 *   <li>Event time: the aspect's own time (timestampMillis, else lastModified.time, auditStamp.time
 *       or created.time when not 0), else an MCP's systemMetadata.lastObserved, else the {@code
 *       fallbackMillis} the caller gives, so that replays are reproducible.
 * </ul>
 */
public final class MceFileReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEGASUS2AVRO = "pegasus2avro.";

    /** Avro's names for the union branches that pegasus JSON does not wrap. */
    private static final Set<String> UNWRAPPED_BRANCHES =
            Set.of(
                    "null", "boolean", "int", "long", "float", "double", "bytes", "string", "array",
                    "map");

    private static final List<String> STAMPS = List.of("lastModified", "auditStamp", "created");

    private MceFileReader() {}

    /** Every change in {@code file}. */
    public static List<MetadataChange> read(Path file, long fallbackMillis) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, fallbackMillis);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every change in the JSON read from {@code in}. */
    public static List<MetadataChange> read(InputStream in, long fallbackMillis)
            throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null) {
            return List.of();
        }
        List<JsonNode> records = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(records::add);
        } else {
            records.add(root);
        }
        List<MetadataChange> changes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                changes.addAll(convert(records.get(i), fallbackMillis));
            } catch (IllegalArgumentException e) {
                throw new IOException("record " + i + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(changes);
    }

    /**
     * The changes in one MCE or MCP object.
     *
     * @throws IllegalArgumentException when the object is neither
     */
    public static List<MetadataChange> convert(JsonNode record, long fallbackMillis) {
        JsonNode snapshot = record.get("proposedSnapshot");
        if (snapshot != null && !snapshot.isNull()) {
            return fromSnapshot(snapshot, fallbackMillis);
        }
        if (record.hasNonNull("aspectName") || record.hasNonNull("entityUrn")) {
            return List.of(fromProposal(record, fallbackMillis));
        }
        throw new IllegalArgumentException(
                "neither an MCE (proposedSnapshot) nor an MCP (entityUrn, aspectName)");
    }

    private static List<MetadataChange> fromSnapshot(JsonNode snapshot, long fallbackMillis) {
        Map.Entry<String, JsonNode> member = onlyMember(snapshot, "proposedSnapshot");
        JsonNode body = member.getValue();
        String urn = body.path("urn").asText(null);
        if (urn == null) {
            throw new IllegalArgumentException(member.getKey() + " has no urn");
        }
        String entityType = entityType(urn);
        List<MetadataChange> changes = new ArrayList<>();
        for (JsonNode wrapped : body.path("aspects")) {
            Map.Entry<String, JsonNode> aspect = onlyMember(wrapped, "aspects[]");
            String aspectName = aspectName(aspect.getKey());
            JsonNode value = toPegasusJson(aspect.getValue());
            changes.add(
                    new MetadataChange(
                            urn,
                            entityType,
                            aspectName,
                            "UPSERT",
                            value.toString(),
                            null,
                            time(value, 0, fallbackMillis),
                            actor(value),
                            Aspects.isTimeseries(aspectName)));
        }
        return changes;
    }

    private static MetadataChange fromProposal(JsonNode mcp, long fallbackMillis) {
        String urn = mcp.path("entityUrn").asText(null);
        if (urn == null) {
            throw new IllegalArgumentException("MCP without entityUrn");
        }
        String aspectName = mcp.path("aspectName").asText(null);
        String aspectJson = proposalAspect(mcp.path("aspect"));
        JsonNode value = parseQuietly(aspectJson);
        long lastObserved = mcp.path("systemMetadata").path("lastObserved").asLong(0);
        String entityType = mcp.path("entityType").asText(null);
        return new MetadataChange(
                urn,
                entityType == null ? entityType(urn) : entityType,
                aspectName,
                mcp.path("changeType").asText("UPSERT"),
                aspectJson,
                null,
                time(value, lastObserved, fallbackMillis),
                actor(value),
                Aspects.isTimeseries(aspectName));
    }

    /** An MCP's aspect: {@code value} (JSON string) or {@code json} (JSON string or object). */
    private static String proposalAspect(JsonNode aspect) {
        if (aspect.isMissingNode() || aspect.isNull()) {
            return null;
        }
        for (String field : List.of("value", "json")) {
            JsonNode node = aspect.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            return node.isTextual() ? node.asText() : node.toString();
        }
        throw new IllegalArgumentException("MCP aspect has neither value nor json");
    }

    /**
     * Avro-JSON to pegasus JSON: wrappers of primitive, array and map branches ({@code {"string":
     * "x"}}, {@code {"array": [..]}}) are removed; wrappers of record branches are kept with {@code
     * pegasus2avro.} dropped from the name ({@code {"com.linkedin.schema.BooleanType": {}}}), as
     * pegasus writes its unions; null fields are dropped, as pegasus omits absent optionals. Plain
     * pegasus JSON passes unchanged.
     */
    public static JsonNode toPegasusJson(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> array.add(toPegasusJson(element)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            String key = only.getKey();
            if (UNWRAPPED_BRANCHES.contains(key)) {
                return toPegasusJson(only.getValue());
            }
            if (key.contains("." + PEGASUS2AVRO)) {
                ObjectNode union = JsonNodeFactory.instance.objectNode();
                union.set(key.replace(PEGASUS2AVRO, ""), toPegasusJson(only.getValue()));
                return union;
            }
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isNull()) {
                object.set(field.getKey(), toPegasusJson(field.getValue()));
            }
        }
        return object;
    }

    /**
     * The aspect name of an aspect class: {@code com.linkedin.pegasus2avro.common.Ownership} →
     * {@code ownership}; a leading acronym is lower-cased as a whole ({@code MLModelProperties} →
     * {@code mlModelProperties}), as DataHub names those aspects.
     */
    public static String aspectName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int upper = 0;
        while (upper < simple.length() && Character.isUpperCase(simple.charAt(upper))) {
            upper++;
        }
        if (upper == 0) {
            return simple;
        }
        // "MLModel": the acronym is "ML", the last capital starts the next word.
        int cut = upper > 1 && upper < simple.length() ? upper - 1 : upper;
        return simple.substring(0, cut).toLowerCase(Locale.ROOT) + simple.substring(cut);
    }

    /** The entity type of {@code urn:li:<type>:<key>}. */
    public static String entityType(String urn) {
        if (!urn.startsWith("urn:li:")) {
            throw new IllegalArgumentException("not a DataHub URN: " + urn);
        }
        int end = urn.indexOf(':', "urn:li:".length());
        if (end < 0) {
            throw new IllegalArgumentException("URN without an entity key: " + urn);
        }
        return urn.substring("urn:li:".length(), end);
    }

    private static long time(JsonNode aspect, long observed, long fallbackMillis) {
        if (aspect != null && aspect.isObject()) {
            long timestamp = aspect.path("timestampMillis").asLong(0);
            if (timestamp > 0) {
                return timestamp;
            }
            for (String stamp : STAMPS) {
                long time = aspect.path(stamp).path("time").asLong(0);
                if (time > 0) {
                    return time;
                }
            }
        }
        return observed > 0 ? observed : fallbackMillis;
    }

    private static String actor(JsonNode aspect) {
        if (aspect == null || !aspect.isObject()) {
            return null;
        }
        for (String stamp : STAMPS) {
            JsonNode actor = aspect.path(stamp).path("actor");
            if (actor.isTextual() && aspect.path(stamp).path("time").asLong(0) > 0) {
                return actor.asText();
            }
        }
        JsonNode actor = aspect.path("actor");
        return actor.isTextual() ? actor.asText() : null;
    }

    private static JsonNode parseQuietly(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The aspect stays as it is; whoever parses it reports the problem.
            return null;
        }
    }

    private static Map.Entry<String, JsonNode> onlyMember(JsonNode node, String what) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(
                    what + " is not a union with exactly one member: " + abbreviate(node));
        }
        return node.properties().iterator().next();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
