package io.dataspoke.sinks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.Serializable;
import java.util.Objects;

/**
 * One Slack message for the {@link SlackSink}: a plain-text fallback (shown in notifications and by
 * clients that cannot render blocks), Block Kit blocks as a JSON array, and a key that names the
 * message in logs and failures (for example {@code owner-digest/alice/2024-05-06}).
 *
 * <p>The blocks are kept as JSON text so that Flink serializes the record as a POJO rather than
 * falling back to Kryo. Build them with {@link BlockKit}, which escapes user data.
 *
 * @param text plain-text fallback; the sink escapes it, so it may hold any characters
 * @param blocksJson a JSON array of Block Kit blocks, {@code []} for a text-only message
 * @param dedupKey stable identity of the message: the key upstream operators deduplicate on, and
 *     what logs and failures show instead of the payload
 */
public record SlackMessage(String text, String blocksJson, String dedupKey)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(blocksJson, "blocksJson");
        Objects.requireNonNull(dedupKey, "dedupKey");
        if (text.isBlank()) {
            throw new IllegalArgumentException(
                    "text must not be blank: Slack shows it as the"
                            + " notification, message '"
                            + dedupKey
                            + "'");
        }
        if (dedupKey.isBlank()) {
            throw new IllegalArgumentException("dedupKey must not be blank");
        }
        // A cheap shape check; full validation is Slack's (it answers 400 invalid_blocks).
        if (!blocksJson.strip().startsWith("[")) {
            throw new IllegalArgumentException(
                    "blocksJson must be a JSON array, message '" + dedupKey + "'");
        }
    }

    /** A message with blocks, typically built with {@link BlockKit#blocks}. */
    public static SlackMessage of(String dedupKey, String text, ArrayNode blocks) {
        Objects.requireNonNull(blocks, "blocks");
        try {
            return new SlackMessage(text, JSON.writeValueAsString(blocks), dedupKey);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("blocks cannot be written as JSON", e);
        }
    }

    /** A text-only message. */
    public static SlackMessage ofText(String dedupKey, String text) {
        return new SlackMessage(text, "[]", dedupKey);
    }
}
