package io.dataspoke.sinks.slack;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long the Slack sink waits before it repeats a request: Slack's {@code Retry-After} after a
 * 429, otherwise an exponential backoff with a cap. Plain Java, so that it is tested without Flink
 * or a clock.
 */
final class SlackRetryPolicy {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    SlackRetryPolicy(SlackWebhookOptions options) {
        this(options.initialBackoff(), options.maxBackoff(), options.maxRetryAfter());
    }

    SlackRetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * The wait after {@code failedAttempts} failed attempts (1 after the first failure).
     *
     * @param retryAfter the {@code Retry-After} header of a 429, if there was one
     */
    Duration delay(int failedAttempts, int statusCode, Optional<String> retryAfter, Instant now) {
        if (statusCode == 429) {
            Optional<Duration> asked = retryAfter.flatMap(value -> parseRetryAfter(value, now));
            if (asked.isPresent()) {
                Duration wait = asked.get();
                return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
            }
        }
        return backoff(failedAttempts);
    }

    /** {@code initialBackoff × 2^(failedAttempts − 1)}, at most {@code maxBackoff}. */
    Duration backoff(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /**
     * Reads {@code Retry-After}: delay-seconds (what Slack sends) or an HTTP date. Empty when the
     * value is neither, so that the caller falls back to the backoff.
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(trimmed);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at =
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
