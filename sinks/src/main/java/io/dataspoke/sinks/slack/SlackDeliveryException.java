package io.dataspoke.sinks.slack;

/**
 * Raised, and failing the job, when Slack will not take a message: a fatal answer such as {@code
 * 400 invalid_payload} or {@code 404 no_service}, or retryable answers until the attempts ran out.
 * The message names the webhook's host, the message's key, the HTTP status and Slack's answer,
 * never the webhook URL.
 */
public final class SlackDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Status code when no HTTP answer arrived (time-out, refused connection). */
    public static final int NO_RESPONSE = -1;

    private final String dedupKey;
    private final int statusCode;
    private final String responseBody;
    private final int attempts;

    SlackDeliveryException(
            String message, String dedupKey, int statusCode, String responseBody, int attempts) {
        super(message);
        this.dedupKey = dedupKey;
        this.statusCode = statusCode;
        this.responseBody = responseBody;
        this.attempts = attempts;
    }

    /** The key of the message that was not delivered. */
    public String dedupKey() {
        return dedupKey;
    }

    /** The last HTTP status, or {@link #NO_RESPONSE}. */
    public int statusCode() {
        return statusCode;
    }

    /** Slack's last answer (e.g. {@code invalid_payload}), or the I/O error without answer. */
    public String responseBody() {
        return responseBody;
    }

    /** HTTP requests made for the message. */
    public int attempts() {
        return attempts;
    }
}
