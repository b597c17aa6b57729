package io.dataspoke.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rules for folding versioned aspect changes into an entity's latest state: which change deletes
 * the entity, which soft-deletes it, and how the aspects become one JSON document.
 */
public final class EntityAspects {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private EntityAspects() {}

    /**
     * True when {@code aspectName} is the key aspect of {@code entityType} (e.g. {@code datasetKey}
     * of {@code dataset}, {@code corpUserKey} of {@code corpuser}): deleting it deletes the entity.
     */
    public static boolean isKeyAspect(String entityType, String aspectName) {
        return aspectName != null && aspectName.equalsIgnoreCase(entityType + "Key");
    }

    /** True when a {@code status} aspect value marks the entity as soft-deleted. */
    public static boolean isRemoved(String statusJson) {
        if (statusJson == null) {
            return false;
        }
        try {
            JsonNode removed = JSON.readTree(statusJson).get("removed");
            return removed != null && removed.asBoolean(false);
        } catch (java.io.IOException e) {
            // The decoder rejects malformed known aspects, so this is not reached for real input.
            return false;
        }
    }

    /**
     * The aspects as one JSON object with keys in sorted order, so the same state always gives the
     * same document. Values are already JSON and are embedded as they are, not re-parsed.
     */
    public static String toJsonObject(Map<String, String> aspects) {
        SortedMap<String, String> sorted = new TreeMap<>(aspects);
        StringBuilder out = new StringBuilder(256 * (sorted.size() + 1)).append('{');
        sorted.forEach(
                (name, json) -> {
                    if (out.length() > 1) {
                        out.append(',');
                    }
                    out.append('"').append(QUOTE.quoteAsString(name)).append("\":").append(json);
                });
        return out.append('}').toString();
    }
}
