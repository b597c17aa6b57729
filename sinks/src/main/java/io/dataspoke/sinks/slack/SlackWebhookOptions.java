package io.dataspoke.sinks.slack;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how the {@link SlackSink} posts: the webhook URL and the retry settings. This is all
 * that travels with the sink to the task managers; the HTTP client is created by each writer. Built
 * and validated by {@link SlackSinkBuilder}.
 *
 * <p>The webhook URL is a secret, so {@link #toString()} shows its host only.
 */
public final class SlackWebhookOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String webhookUrl;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final DeliveryLog deliveryLog;

    SlackWebhookOptions(
            String webhookUrl,
            Duration requestTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryAfter,
            DeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
        this.webhookUrl = webhookUrl;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** The log of delivered messages, null when every message is posted as it comes. */
    public DeliveryLog deliveryLog() {
        return deliveryLog;
    }

    /** The webhook URL; a secret, keep it out of logs and messages. */
    public URI webhookUrl() {
        return URI.create(webhookUrl);
    }

    /** The host of the webhook, the only part of the URL that may be shown. */
    public String webhookHost() {
        return SlackWebhookUrl.hostOf(webhookUrl());
    }

    /** Time-out of one HTTP request, connecting included. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** HTTP requests per message before the job fails, the first one included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Wait before the second attempt after a 5xx or an I/O error; doubled after each failure. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest wait between two attempts after a 5xx or an I/O error. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The longest one message can take from its first attempt to its last answer: every attempt
     * timing out and every wait at its cap. The sink base's own request time-out is set above it,
     * so that the base never gives up on (or re-sends) a message this sink is still retrying.
     */
    public Duration worstCaseDelivery() {
        Duration longestWait =
                maxBackoff.compareTo(maxRetryAfter) >= 0 ? maxBackoff : maxRetryAfter;
        return requestTimeout
                .multipliedBy(maxAttempts)
                .plus(longestWait.multipliedBy(maxAttempts - 1));
    }

    @Override
    public String toString() {
        return "SlackWebhookOptions[host="
                + webhookHost()
                + ", requestTimeout="
                + requestTimeout
                + ", maxAttempts="
                + maxAttempts
                + ", initialBackoff="
                + initialBackoff
                + ", maxBackoff="
                + maxBackoff
                + ", maxRetryAfter="
                + maxRetryAfter
                + "]";
    }
}
