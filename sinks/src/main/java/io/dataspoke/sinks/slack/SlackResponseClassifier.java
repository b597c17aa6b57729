package io.dataspoke.sinks.slack;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts the outcomes of a Slack webhook request into success, retryable and fatal, as the
 * Prometheus connector's {@code RemoteWriteResponseClassifier} does for remote-write.
 *
 * <p>Slack answers a webhook with {@code 200 ok}, {@code 429} with {@code Retry-After} when the
 * webhook is rate limited (about one message per second), a 5xx when it has trouble of its own, and
 * a 4xx with a short error code as body when the message or the webhook is wrong: {@code
 * invalid_payload}, {@code invalid_blocks}, {@code no_text}, {@code action_prohibited}, {@code
 * no_service}, {@code channel_not_found}, {@code channel_is_archived}.
 */
public final class SlackResponseClassifier {

    private SlackResponseClassifier() {}

    /** Classifies an HTTP status code. */
    public static SlackResponseType classify(int statusCode) {
        if (statusCode >= 200 && statusCode < 300) {
            return SlackResponseType.SUCCESS;
        } else if (statusCode == 429) {
            // Too Many Requests: rate limited, wait as long as Retry-After says.
            return SlackResponseType.RETRYABLE;
        } else if (statusCode == 408) {
            // Request Timeout from a proxy in between: the request did not arrive.
            return SlackResponseType.RETRYABLE;
        } else if (statusCode >= 500 && statusCode < 600) {
            return SlackResponseType.RETRYABLE;
        } else {
            // 400/401/403/404/410 and the rest of 4xx: bad message or dead webhook. 1xx and 3xx
            // (redirects are not followed) mean the URL is not a Slack webhook.
            return SlackResponseType.FATAL;
        }
    }

    /**
     * Classifies an exception raised instead of a response: I/O errors (refused or reset
     * connections, {@link java.net.http.HttpTimeoutException}) are retryable, anything else is a
     * bug or a misconfiguration and fatal.
     */
    public static SlackResponseType classify(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof IOException ? SlackResponseType.RETRYABLE : SlackResponseType.FATAL;
    }

    /** The exception inside the wrappers that futures put around it. */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
