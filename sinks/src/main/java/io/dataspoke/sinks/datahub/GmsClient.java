package io.dataspoke.sinks.datahub;

import com.linkedin.mxe.MetadataChangeProposal;
import datahub.client.Callback;
import datahub.client.MetadataWriteResponse;
import datahub.client.rest.RestEmitter;
import io.dataspoke.sinks.datahub.DataHubResponseClassifier.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends writes to GMS through the DataHub client's {@link RestEmitter} and sees each one through:
 * retries what {@link DataHubResponseClassifier} calls retryable with the {@link RetryPolicy}'s
 * backoff, and fails the write with a {@link DataHubWriteException} otherwise. Non-blocking: the
 * returned futures complete on the client's I/O threads or on the retry timer.
 *
 * <p>It refuses to send a token while the HTTP client's header or wire logging is at DEBUG, since
 * that logging would print the Authorization header.
 */
final class GmsClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GmsClient.class);

    /**
     * The client's shaded Apache HttpClient prints request headers, Authorization included, and raw
     * request bytes when these loggers are at DEBUG.
     */
    static final List<String> TOKEN_PRINTING_LOGGERS =
            List.of(
                    "datahub.shaded.org.apache.hc.client5.http.headers",
                    "datahub.shaded.org.apache.hc.client5.http.wire",
                    "datahub.shaded.org.apache.hc.client5.http2.frame.payload");

    private final RestEmitter emitter;
    private final RetryPolicy policy;
    private final boolean sendsToken;
    private final ScheduledExecutorService retryTimer;
    private final Counter retries;

    GmsClient(DataHubSinkOptions options, RetryPolicy policy) {
        this(options, policy, new SimpleCounter());
    }

    /** A client that counts every attempt it retries in {@code retries}. */
    GmsClient(DataHubSinkOptions options, RetryPolicy policy, Counter retries) {
        this.retries = retries;
        this.policy = policy;
        this.sendsToken = options.hasToken();
        this.emitter = GmsEmitters.create(options, policy.requestTimeout());
        this.retryTimer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "datahub-sink-retry");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Completes when GMS has accepted {@code write}, or exceptionally when it never will. */
    CompletableFuture<Void> send(DataHubWrite write) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        MetadataChangeProposal proposal;
        try {
            proposal = DataHubProposals.toProposal(write);
        } catch (RuntimeException e) {
            result.completeExceptionally(
                    new DataHubWriteException(
                            "Cannot build a proposal for " + write.describe() + ": " + e,
                            write,
                            -1,
                            0,
                            e));
            return result;
        }
        attempt(write, proposal, 1, result);
        return result;
    }

    private void attempt(
            DataHubWrite write,
            MetadataChangeProposal proposal,
            int attempt,
            CompletableFuture<Void> result) {
        Optional<String> printing = sendsToken ? tokenPrintingLogger() : Optional.empty();
        if (printing.isPresent()) {
            result.completeExceptionally(
                    new DataHubWriteException(
                            "Refusing to send "
                                    + write.describe()
                                    + ": logger "
                                    + printing.get()
                                    + " is at DEBUG and would write the GMS token into the logs;"
                                    + " set it to INFO or above",
                            write,
                            -1,
                            attempt - 1,
                            null));
            return;
        }
        try {
            emitter.emit(
                    proposal,
                    new Callback() {
                        @Override
                        public void onCompletion(MetadataWriteResponse response) {
                            GmsResponse answer;
                            try {
                                answer = GmsResponse.of(response);
                            } catch (IOException e) {
                                onFailure(e);
                                return;
                            }
                            answered(write, proposal, attempt, result, answer);
                        }

                        @Override
                        public void onFailure(Throwable error) {
                            failed(write, proposal, attempt, result, error);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            failed(write, proposal, attempt, result, e);
        }
    }

    private void answered(
            DataHubWrite write,
            MetadataChangeProposal proposal,
            int attempt,
            CompletableFuture<Void> result,
            GmsResponse answer) {
        Outcome outcome = DataHubResponseClassifier.classify(answer.status());
        switch (outcome) {
            case SUCCESS -> {
                if (attempt > 1) {
                    LOG.info("GMS accepted {} at attempt {}", write.describe(), attempt);
                }
                result.complete(null);
            }
            case FATAL ->
                    result.completeExceptionally(
                            new DataHubWriteException(
                                    "DataHub GMS rejected "
                                            + write.describe()
                                            + " with HTTP "
                                            + answer.status()
                                            + " (not retried): "
                                            + answer.errorMessage(),
                                    write,
                                    answer.status(),
                                    attempt,
                                    null));
            case RETRYABLE -> {
                Duration retryAfter =
                        DataHubResponseClassifier.retryAfter(answer.retryAfter(), Instant.now())
                                .orElse(null);
                retryOrGiveUp(
                        write,
                        proposal,
                        attempt,
                        result,
                        "HTTP " + answer.status() + ": " + answer.errorMessage(),
                        answer.status(),
                        retryAfter,
                        null);
            }
        }
    }

    private void failed(
            DataHubWrite write,
            MetadataChangeProposal proposal,
            int attempt,
            CompletableFuture<Void> result,
            Throwable error) {
        Throwable cause = DataHubResponseClassifier.unwrap(error);
        if (DataHubResponseClassifier.classify(cause) == Outcome.FATAL) {
            result.completeExceptionally(
                    new DataHubWriteException(
                            "Could not send " + write.describe() + " to DataHub GMS: " + cause,
                            write,
                            -1,
                            attempt,
                            cause));
        } else {
            retryOrGiveUp(write, proposal, attempt, result, cause.toString(), -1, null, cause);
        }
    }

    private void retryOrGiveUp(
            DataHubWrite write,
            MetadataChangeProposal proposal,
            int attempt,
            CompletableFuture<Void> result,
            String problem,
            int status,
            Duration retryAfter,
            Throwable cause) {
        if (attempt >= policy.maxAttempts()) {
            result.completeExceptionally(
                    new DataHubWriteException(
                            "DataHub GMS did not accept "
                                    + write.describe()
                                    + " after "
                                    + attempt
                                    + " attempts; last answer: "
                                    + problem,
                            write,
                            status,
                            attempt,
                            cause));
            return;
        }
        Duration delay = policy.delayBeforeRetry(attempt, retryAfter);
        retries.inc();
        LOG.warn(
                "GMS did not take {} ({}); attempt {} of {} in {} ms",
                write.describe(),
                problem,
                attempt + 1,
                policy.maxAttempts(),
                delay.toMillis());
        try {
            retryTimer.schedule(
                    () -> attempt(write, proposal, attempt + 1, result),
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(
                    new DataHubWriteException(
                            "The DataHub sink closed while "
                                    + write.describe()
                                    + " waited to retry",
                            write,
                            status,
                            attempt,
                            closed));
        }
    }

    /** Checked before every send, as log levels can change while a job runs. */
    private static Optional<String> tokenPrintingLogger() {
        for (String name : TOKEN_PRINTING_LOGGERS) {
            if (LoggerFactory.getLogger(name).isDebugEnabled()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Stops retrying and closes the client's HTTP connections. */
    @Override
    public void close() throws IOException {
        retryTimer.shutdownNow();
        emitter.close();
    }
}
