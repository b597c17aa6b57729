package io.dataspoke.sinks.slack;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link SlackSink}. Setters reject nulls; {@link #build()} checks the rest. Only the
 * webhook URL is required, resolved by the caller, typically with {@link
 * SlackWebhookUrl#fromEnvironment(String)}.
 */
public final class SlackSinkBuilder {

    /** Time-out of one HTTP request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Requests per message, the first included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;

    /** First backoff after a 5xx or an I/O error. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);

    /** Cap of the exponential backoff. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    /** Longest {@code Retry-After} honoured as it is. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(2);

    /** Messages a writer buffers before it back-pressures its input. */
    public static final int DEFAULT_MAX_BUFFERED_REQUESTS = 1_000;

    private String webhookUrl;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private int maxBufferedRequests = DEFAULT_MAX_BUFFERED_REQUESTS;
    private DeliveryLog deliveryLog;

    SlackSinkBuilder() {}

    /**
     * Posts a message only if the log has no delivery of its dedup key, and records each delivery:
     * a message composed again after a restore is not posted twice. Optional.
     */
    public SlackSinkBuilder setDeliveryLog(DeliveryLog deliveryLog) {
        this.deliveryLog = Objects.requireNonNull(deliveryLog, "deliveryLog");
        return this;
    }

    /** The incoming-webhook URL, a secret: resolve it from the environment, never from config. */
    public SlackSinkBuilder setWebhookUrl(String webhookUrl) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
        return this;
    }

    /** Time-out of one HTTP request, connecting included. */
    public SlackSinkBuilder setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** HTTP requests per message before the job fails, the first one included. */
    public SlackSinkBuilder setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** Wait after the first 5xx or I/O error of a message; doubled after each further one. */
    public SlackSinkBuilder setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        return this;
    }

    /** Cap of the exponential backoff. */
    public SlackSinkBuilder setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return this;
    }

    /** Longest {@code Retry-After} honoured; Slack asking for longer waits this long. */
    public SlackSinkBuilder setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        return this;
    }

    /** Messages a writer buffers before it back-pressures its input. */
    public SlackSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    /** Checks the settings and builds the sink. */
    public SlackSink build() {
        if (webhookUrl == null) {
            throw new IllegalStateException(
                    "webhook URL not set; resolve it with SlackWebhookUrl.fromEnvironment()");
        }
        URI url = SlackWebhookUrl.check(webhookUrl, "the webhook URL");
        checkPositive(requestTimeout, "requestTimeout");
        checkPositive(initialBackoff, "initialBackoff");
        checkPositive(maxRetryAfter, "maxRetryAfter");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff ("
                            + maxBackoff
                            + ") is below initialBackoff ("
                            + initialBackoff
                            + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "maxAttempts must be at least 1, got " + maxAttempts);
        }
        // The sink base needs more buffered requests than one batch.
        if (maxBufferedRequests <= SlackSink.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "maxBufferedRequests must be above "
                            + SlackSink.MAX_BATCH_SIZE
                            + ", got "
                            + maxBufferedRequests);
        }
        return new SlackSink(
                new SlackWebhookOptions(
                        url.toString(),
                        requestTimeout,
                        maxAttempts,
                        initialBackoff,
                        maxBackoff,
                        maxRetryAfter,
                        deliveryLog),
                maxBufferedRequests);
    }

    private static void checkPositive(Duration value, String name) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Shows the webhook's host only. */
    @Override
    public String toString() {
        String host;
        try {
            host = webhookUrl == null ? "unset" : SlackWebhookUrl.hostOf(URI.create(webhookUrl));
        } catch (IllegalArgumentException invalid) {
            host = "invalid";
        }
        return "SlackSinkBuilder[host=" + host + ", maxAttempts=" + maxAttempts + "]";
    }
}
