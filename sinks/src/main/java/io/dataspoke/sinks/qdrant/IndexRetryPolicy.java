package io.dataspoke.sinks.qdrant;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a writer retries a batch the index could not take for a passing reason: exponential backoff
 * from {@code initialBackoff} up to {@code maxBackoff}, and at most {@code maxAttempts} attempts in
 * a row before the job fails (and restarts from its last checkpoint, losing nothing).
 *
 * @param requestTimeout the longest one attempt of a batch may take, all its calls included
 */
record IndexRetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** 0.2+0.4+…+25.6+30 s: rides out a Qdrant restart of about a minute. */
    static final IndexRetryPolicy DEFAULT =
            new IndexRetryPolicy(
                    10, Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofMinutes(5));

    IndexRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be below initialBackoff");
        }
    }

    /** The wait before the next attempt, after {@code failedAttempts} failed in a row. */
    Duration delayAfter(int failedAttempts) {
        Duration delay = initialBackoff;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    /**
     * How long the sink base lets a batch stay in flight before it calls it timed out: one attempt
     * plus the wait after it, plus a minute of slack.
     */
    Duration inFlightBudget() {
        return requestTimeout.plus(maxBackoff).plus(Duration.ofMinutes(1));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
