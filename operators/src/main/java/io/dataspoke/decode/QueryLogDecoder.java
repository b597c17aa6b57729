package io.dataspoke.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.event.QueryLog;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Decodes one SQL engine query-log record (a JSON object, format in docs/query-log-format.md) into
 * a {@link QueryLog}, resolving table names to DataHub dataset URNs.
 */
public final class QueryLogDecoder {

    /** The statuses a query can end with. */
    public static final Set<String> STATUSES = Set.of("SUCCEEDED", "FAILED");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The query in one record. */
    public QueryLog decode(byte[] json) throws DecodeException {
        if (json == null || json.length == 0) {
            throw new DecodeException("query log record is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(
                    "query log record is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DecodeException("query log record cannot be read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException("query log record is not a JSON object");
        }
        String engine = requiredText(root, "engine");
        String queryId = requiredText(root, "queryId");
        String statement = requiredText(root, "statement");
        long startMillis = instant(root, "startTime");
        long endMillis = instant(root, "endTime");
        String status = requiredText(root, "status");
        if (!STATUSES.contains(status)) {
            throw new DecodeException(
                    "query log status is " + status + ", expected SUCCEEDED or FAILED");
        }
        if (endMillis < startMillis) {
            throw new DecodeException("query log endTime is before startTime");
        }
        String platform = optionalText(root, "platform");
        String env = optionalText(root, "env");
        return new QueryLog(
                engine,
                queryId,
                optionalText(root, "user"),
                statement,
                tables(root, "tablesRead", platform == null ? engine : platform, env),
                tables(root, "tablesWritten", platform == null ? engine : platform, env),
                rows(root),
                startMillis,
                endMillis,
                status,
                optionalText(root, "error"));
    }

    private static String[] tables(JsonNode root, String field, String platform, String env)
            throws DecodeException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return new String[0];
        }
        if (!node.isArray()) {
            throw new DecodeException("query log " + field + " is not an array");
        }
        String[] urns = new String[node.size()];
        for (int i = 0; i < urns.length; i++) {
            JsonNode table = node.get(i);
            if (!table.isTextual() || table.asText().isBlank()) {
                throw new DecodeException(
                        "query log " + field + "[" + i + "] is not a table name or dataset URN");
            }
            String name = table.asText().trim();
            urns[i] =
                    DatasetUrns.isDatasetUrn(name)
                            ? name
                            : DatasetUrns.dataset(platform, name, env);
        }
        return urns;
    }

    private static Long rows(JsonNode root) throws DecodeException {
        JsonNode node = root.get("rows");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new DecodeException("query log rows is not a non-negative integer: " + node);
        }
        return node.asLong();
    }

    private static long instant(JsonNode root, String field) throws DecodeException {
        String text = requiredText(root, field);
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new DecodeException(
                    "query log " + field + " is not an ISO-8601 instant with offset: " + text);
        }
    }

    private static String requiredText(JsonNode root, String field) throws DecodeException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new DecodeException("query log " + field + " is missing");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new DecodeException("query log " + field + " is not a non-empty string");
        }
        return node.asText();
    }

    private static String optionalText(JsonNode root, String field) throws DecodeException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new DecodeException("query log " + field + " is not a string");
        }
        return node.asText().isBlank() ? null : node.asText();
    }
}
