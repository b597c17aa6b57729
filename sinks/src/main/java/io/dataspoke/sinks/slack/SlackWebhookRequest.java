package io.dataspoke.sinks.slack;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One webhook request as the sink buffers and checkpoints it: the JSON body Slack receives and the
 * message's key for logs and failures.
 */
public record SlackWebhookRequest(String dedupKey, String payloadJson) implements Serializable {

    public SlackWebhookRequest {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /** The body as sent. */
    public byte[] payloadBytes() {
        return payloadJson.getBytes(StandardCharsets.UTF_8);
    }

    /** Size of the body in bytes, what the sink base counts against its limits. */
    public long sizeInBytes() {
        return payloadBytes().length;
    }
}
