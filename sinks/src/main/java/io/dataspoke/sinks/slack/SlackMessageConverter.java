package io.dataspoke.sinks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns a {@link SlackMessage} into the JSON body of an incoming-webhook request: {@code {"text":
 * …, "blocks": […]}}. The fallback text is escaped here, since Slack parses it as {@code mrkdwn} in
 * notifications; the blocks are sent as built.
 */
public final class SlackMessageConverter
        implements ElementConverter<SlackMessage, SlackWebhookRequest> {

    private static final long serialVersionUID = 1L;

    /** Far above anything Slack accepts in one message; guards the sink's buffer. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public SlackWebhookRequest apply(SlackMessage message, SinkWriter.Context context) {
        return convert(message);
    }

    /** The request for one message; also used directly by tests. */
    public static SlackWebhookRequest convert(SlackMessage message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", BlockKit.escape(message.text()));
        JsonNode blocks;
        try {
            blocks = JSON.readTree(message.blocksJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "blocks of Slack message '" + message.dedupKey() + "' are not valid JSON", e);
        }
        if (!blocks.isArray()) {
            throw new IllegalArgumentException(
                    "blocks of Slack message '" + message.dedupKey() + "' are not a JSON array");
        }
        if (!blocks.isEmpty()) {
            body.set("blocks", blocks);
        }
        SlackWebhookRequest request;
        try {
            request = new SlackWebhookRequest(message.dedupKey(), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree as text", e);
        }
        long size = request.sizeInBytes();
        if (size > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(
                    "Slack message '"
                            + message.dedupKey()
                            + "' is "
                            + size
                            + " bytes, more than the "
                            + MAX_PAYLOAD_BYTES
                            + " a webhook request may carry");
        }
        return request;
    }
}
