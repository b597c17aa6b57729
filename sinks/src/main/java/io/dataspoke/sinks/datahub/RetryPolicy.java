package io.dataspoke.sinks.datahub;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a write is sent again after a retryable answer: exponential backoff
 * from {@code initialBackoff} up to {@code maxBackoff}, but never sooner than GMS's Retry-After,
 * which is honoured up to {@code maxRetryAfter}.
 *
 * @param maxAttempts sends per write, the first included
 * @param requestTimeout how long one send may take to connect and to be answered
 */
record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration requestTimeout)
        implements Serializable {

    static final RetryPolicy DEFAULT =
            new RetryPolicy(
                    // 0.5+1+2+4+8+16+30 s of backoff: rides out a GMS restart of about a minute.
                    8,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(30));

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
        }
    }

    /**
     * The wait before the next send, after {@code failedAttempts} sends failed; {@code retryAfter}
     * is what GMS asked for, or null.
     */
    Duration delayBeforeRetry(int failedAttempts, Duration retryAfter) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        if (retryAfter == null) {
            return backoff;
        }
        Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    /** The longest one write can take before it succeeds or fails for good. */
    Duration worstCase() {
        Duration longestWait = maxBackoff.compareTo(maxRetryAfter) > 0 ? maxBackoff : maxRetryAfter;
        return requestTimeout.multipliedBy(maxAttempts).plus(longestWait.multipliedBy(maxAttempts));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
