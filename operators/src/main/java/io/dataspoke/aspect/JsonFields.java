package io.dataspoke.aspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataspoke.decode.DecodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of pegasus JSON fields. Every failure names the field by its path (e.g. {@code
 * schemaMetadata.fields[2].fieldPath}), which is what a dead letter shows.
 */
final class JsonFields {

    private JsonFields() {}

    static JsonNode object(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = present(parent, field, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(path, field, "an object", node);
        }
        return node;
    }

    static String text(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = present(parent, field, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(path, field, "a string", node);
        }
        return node.asText();
    }

    static Long integer(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = present(parent, field, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(path, field, "an integer", node);
        }
        return node.asLong();
    }

    static Double number(JsonNode parent, String field, String path) throws DecodeException {
        JsonNode node = present(parent, field, path, false);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(path, field, "a number", node);
        }
        return node.asDouble();
    }

    static boolean bool(JsonNode parent, String field, String path, boolean defaultValue)
            throws DecodeException {
        JsonNode node = present(parent, field, path, false);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw wrongType(path, field, "a boolean", node);
        }
        return node.asBoolean();
    }

    /** The elements of an array field; empty when the field is absent and not required. */
    static List<JsonNode> array(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = present(parent, field, path, required);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(path, field, "an array", node);
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    /** An array of strings (URNs, names). */
    static List<String> texts(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        List<JsonNode> elements = array(parent, field, path, required);
        List<String> texts = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!element.isTextual()) {
                throw wrongType(path, field + "[" + i + "]", "a string", element);
            }
            texts.add(element.asText());
        }
        return Collections.unmodifiableList(texts);
    }

    /** A map of string to string; empty when absent. */
    static Map<String, String> stringMap(JsonNode parent, String field, String path)
            throws DecodeException {
        JsonNode node = object(parent, field, path, false);
        if (node == null) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw wrongType(path, field + "." + entry.getKey(), "a string", value);
            }
            map.put(entry.getKey(), value.asText());
        }
        return Collections.unmodifiableMap(map);
    }

    /** An AuditStamp field ({@code {time, actor}}), null when absent. */
    static AuditStamp auditStamp(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = object(parent, field, path, required);
        if (node == null) {
            return null;
        }
        String here = path + "." + field;
        return new AuditStamp(integer(node, "time", here, true), text(node, "actor", here, false));
    }

    private static JsonNode present(JsonNode parent, String field, String path, boolean required)
            throws DecodeException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new DecodeException(path + "." + field + " is missing");
            }
            return null;
        }
        return node;
    }

    private static DecodeException wrongType(
            String path, String field, String expected, JsonNode actual) {
        return new DecodeException(
                path + "." + field + " is " + actual.getNodeType() + ", expected " + expected);
    }
}
