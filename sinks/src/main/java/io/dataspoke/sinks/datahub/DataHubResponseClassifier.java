package io.dataspoke.sinks.datahub;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Decides what a GMS answer means for a write: done, worth another attempt (GMS busy or briefly
 * away), or a rejection that no retry will change, which must fail the job.
 */
final class DataHubResponseClassifier {

    /** What to do after one attempt. */
    enum Outcome {
        SUCCESS,
        RETRYABLE,
        FATAL
    }

    private DataHubResponseClassifier() {}

    /**
     * 2xx succeeds; 429 (throttled), 408 and 5xx (GMS overloaded, restarting, or its storage
     * briefly unavailable) are retried; every other status (400 malformed or failed validation,
     * 401/403 token, 404 wrong URL or entity type, 422 unprocessable aspect) is the same on every
     * attempt, so it is fatal.
     */
    static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.SUCCESS;
        }
        if (status == 429 || status == 408 || (status >= 500 && status < 600)) {
            return Outcome.RETRYABLE;
        }
        return Outcome.FATAL;
    }

    /**
     * Failures to get any answer: timeouts, refused or reset connections are retried, because an
     * aspect write is idempotent, so sending it again after a lost answer is safe. An unknown host
     * or a TLS failure is configuration and fails at once; anything that is not I/O (the client
     * closing, a bug) is never retried.
     */
    static Outcome classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof UnknownHostException || cause instanceof SSLException) {
            return Outcome.FATAL;
        }
        return cause instanceof IOException ? Outcome.RETRYABLE : Outcome.FATAL;
    }

    /**
     * How long a {@code Retry-After} header asks to wait: delay-seconds or an HTTP date (RFC 9110
     * section 10.2.3). Empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at =
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
