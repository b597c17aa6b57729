package io.dataspoke.sinks.slack;

/** What the Slack sink does with the outcome of one webhook request. */
public enum SlackResponseType {
    /** 2xx: the message was posted. */
    SUCCESS,
    /** 429, 408, 5xx, time-outs and I/O errors: the same request may succeed later. */
    RETRYABLE,
    /**
     * Any other answer (400 {@code invalid_payload}, 403 {@code action_prohibited}, 404 {@code
     * no_service}, 410 {@code channel_is_archived}, redirects…): repeating the request cannot help,
     * so the job fails.
     */
    FATAL
}
