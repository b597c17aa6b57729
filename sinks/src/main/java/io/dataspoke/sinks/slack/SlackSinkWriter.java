package io.dataspoke.sinks.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts {@link SlackMessage}s to a Slack incoming webhook, one message per HTTP request and one
 * request in flight, so that a writer's messages reach the channel in order.
 *
 * <p><b>Retries happen here, not in the sink base.</b> {@code AsyncSinkWriter} can re-queue failed
 * entries ({@code ResultHandler.retryForEntries}), but it sends them again at once: it has no
 * notion of a wait before the next attempt, so it can neither honour Slack's {@code Retry-After}
 * nor back off, and it keeps no count of attempts per entry. So a request stays in flight while
 * this writer retries it: the answer is classified ({@link SlackResponseClassifier}), and a
 * retryable one schedules the next attempt on a {@link CompletableFuture#delayedExecutor delayed
 * executor} (after {@code Retry-After} for a 429, after an exponential backoff otherwise, see
 * {@link SlackRetryPolicy}). Nothing blocks the mailbox thread while it waits; a checkpoint waits
 * for the message, as the base waits for every in-flight request. When Slack answers a fatal
 * status, or the attempts run out, the request completes with a {@link SlackDeliveryException} and
 * the job fails: a message is never dropped silently. The base's own request time-out is set above
 * the longest possible retry sequence, with {@code failOnTimeout}, so that it never re-sends a
 * message this writer is still working on.
 *
 * <p>The HTTP client and its threads belong to the writer and end with it. Logs name the webhook's
 * host and the message's key, never the URL (a secret) or the payload.
 */
public class SlackSinkWriter extends AsyncSinkWriter<SlackMessage, SlackWebhookRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSinkWriter.class);

    /** How much of Slack's answer a log line or an exception shows. */
    private static final int MAX_ANSWER_CHARS = 300;

    private final SlackWebhookOptions options;
    private final URI webhookUrl;
    private final String host;
    private final SlackRetryPolicy retryPolicy;
    private final ExecutorService executor;
    private final HttpClient http;
    private final Counter retries;
    private final Counter rateLimited;
    private final Counter sent;
    private final DeliveryLog.Store deliveries;
    private volatile boolean closed;

    SlackSinkWriter(
            ElementConverter<SlackMessage, SlackWebhookRequest> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            SlackWebhookOptions options,
            Collection<BufferedRequestState<SlackWebhookRequest>> recoveredState) {
        super(elementConverter, context, configuration, recoveredState);
        this.options = options;
        this.webhookUrl = options.webhookUrl();
        this.host = options.webhookHost();
        this.retryPolicy = new SlackRetryPolicy(options);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.executor = Executors.newFixedThreadPool(2, threadsNamed("slack-webhook-" + subtask));
        // HTTP/1.1: one message per request, nothing to multiplex. Redirects are not followed:
        // a webhook that redirects is not Slack's, and the classifier calls 3xx fatal.
        this.http =
                HttpClient.newBuilder()
                        .executor(executor)
                        .connectTimeout(options.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
        this.deliveries = openDeliveryLog(options.deliveryLog());
        this.retries = context.metricGroup().counter("slackRetries");
        this.rateLimited = context.metricGroup().counter("slackRateLimited");
        this.sent = context.metricGroup().counter("slackMessagesSent");
        LOG.info(
                "Slack sink subtask {} posts to the webhook at {} ({} attempts at most per"
                        + " message)",
                subtask,
                host,
                options.maxAttempts());
    }

    @Override
    protected void submitRequestEntries(
            List<SlackWebhookRequest> requestEntries,
            ResultHandler<SlackWebhookRequest> resultHandler) {
        if (requestEntries.size() != 1) {
            // The sink sets maxBatchSize to 1: a webhook takes one message per request.
            resultHandler.completeExceptionally(
                    new IllegalStateException(
                            "expected one Slack message per request, got "
                                    + requestEntries.size()));
            return;
        }
        SlackWebhookRequest request = requestEntries.get(0);
        if (deliveries != null) {
            try {
                if (deliveries.delivered(request.dedupKey())) {
                    LOG.info(
                            "Message '{}' was delivered before; not posting it again",
                            request.dedupKey());
                    resultHandler.complete();
                    return;
                }
            } catch (Exception e) {
                resultHandler.completeExceptionally(
                        new IOException(
                                "cannot read the delivery log for message '"
                                        + request.dedupKey()
                                        + "'",
                                e));
                return;
            }
        }
        new Delivery(request, resultHandler).attempt(1);
    }

    private static DeliveryLog.Store openDeliveryLog(DeliveryLog log) {
        if (log == null) {
            return null;
        }
        try {
            return log.open();
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the Slack delivery log " + log, e);
        }
    }

    /** Records a delivery; a failure here only weakens de-duplication, the message went out. */
    private void recordDelivered(String dedupKey) {
        if (deliveries == null) {
            return;
        }
        try {
            deliveries.recordDelivered(dedupKey);
        } catch (Exception e) {
            LOG.warn(
                    "Message '{}' was delivered but could not be logged: {}",
                    dedupKey,
                    e.toString());
        }
    }

    @Override
    protected long getSizeInBytes(SlackWebhookRequest requestEntry) {
        return requestEntry.sizeInBytes();
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        if (deliveries != null) {
            try {
                deliveries.close();
            } catch (Exception e) {
                LOG.warn("Closing the Slack delivery log failed", e);
            }
        }
        // Java 21 made HttpClient closeable; on 17 its selector thread ends once the client is
        // unreachable, and the executor above is already gone.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the HTTP client of the Slack sink failed", e);
            }
        }
        super.close();
    }

    /** The attempts for one message, from the first request to success or failure. */
    private final class Delivery {

        private final SlackWebhookRequest request;
        private final ResultHandler<SlackWebhookRequest> resultHandler;

        Delivery(SlackWebhookRequest request, ResultHandler<SlackWebhookRequest> resultHandler) {
            this.request = request;
            this.resultHandler = resultHandler;
        }

        void attempt(int attempt) {
            if (closed) {
                return;
            }
            HttpRequest httpRequest =
                    HttpRequest.newBuilder(webhookUrl)
                            .timeout(options.requestTimeout())
                            .header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.payloadBytes()))
                            .build();
            CompletableFuture<HttpResponse<String>> answer;
            try {
                answer =
                        http.sendAsync(
                                httpRequest,
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                onError(attempt, e);
                return;
            }
            answer.whenComplete(
                    (response, error) -> {
                        try {
                            if (error != null) {
                                onError(attempt, error);
                            } else {
                                onResponse(attempt, response);
                            }
                        } catch (RuntimeException bug) {
                            resultHandler.completeExceptionally(bug);
                        }
                    });
        }

        private void onResponse(int attempt, HttpResponse<String> response) {
            if (closed) {
                return;
            }
            int status = response.statusCode();
            String body = shown(response.body());
            switch (SlackResponseClassifier.classify(status)) {
                case SUCCESS -> {
                    LOG.debug(
                            "Slack webhook at {} took message '{}' on attempt {}",
                            host,
                            request.dedupKey(),
                            attempt);
                    recordDelivered(request.dedupKey());
                    sent.inc();
                    resultHandler.complete();
                }
                case FATAL ->
                        resultHandler.completeExceptionally(
                                new SlackDeliveryException(
                                        String.format(
                                                "Slack webhook at %s rejected message '%s' with"
                                                        + " %s on attempt %d; not retried, the"
                                                        + " same request would fail again",
                                                host,
                                                request.dedupKey(),
                                                answerText(status, body),
                                                attempt),
                                        request.dedupKey(),
                                        status,
                                        body,
                                        attempt));
                case RETRYABLE -> {
                    if (status == 429) {
                        rateLimited.inc();
                    }
                    Duration delay =
                            retryPolicy.delay(
                                    attempt,
                                    status,
                                    response.headers().firstValue("Retry-After"),
                                    Instant.now());
                    retryOrFail(attempt, status, body, delay);
                }
            }
        }

        private void onError(int attempt, Throwable error) {
            if (closed) {
                return;
            }
            Throwable cause = SlackResponseClassifier.unwrap(error);
            String description = describe(cause);
            if (SlackResponseClassifier.classify(cause) == SlackResponseType.FATAL) {
                resultHandler.completeExceptionally(
                        new SlackDeliveryException(
                                String.format(
                                        "Posting message '%s' to the Slack webhook at %s failed on"
                                                + " attempt %d: %s",
                                        request.dedupKey(), host, attempt, description),
                                request.dedupKey(),
                                SlackDeliveryException.NO_RESPONSE,
                                description,
                                attempt));
                return;
            }
            Duration delay =
                    retryPolicy.delay(
                            attempt,
                            SlackDeliveryException.NO_RESPONSE,
                            Optional.empty(),
                            Instant.now());
            retryOrFail(attempt, SlackDeliveryException.NO_RESPONSE, description, delay);
        }

        private void retryOrFail(int attempt, int status, String answer, Duration delay) {
            if (attempt >= options.maxAttempts()) {
                resultHandler.completeExceptionally(
                        new SlackDeliveryException(
                                String.format(
                                        "Slack webhook at %s did not take message '%s' after %d"
                                                + " attempts; the last got %s",
                                        host,
                                        request.dedupKey(),
                                        attempt,
                                        answerText(status, answer)),
                                request.dedupKey(),
                                status,
                                answer,
                                attempt));
                return;
            }
            retries.inc();
            LOG.warn(
                    "Message '{}' to the Slack webhook at {} got {} on attempt {} of {}; next"
                            + " attempt in {} ms",
                    request.dedupKey(),
                    host,
                    answerText(status, answer),
                    attempt,
                    options.maxAttempts(),
                    delay.toMillis());
            try {
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor)
                        .execute(() -> attempt(attempt + 1));
            } catch (RejectedExecutionException e) {
                if (!closed) {
                    resultHandler.completeExceptionally(e);
                }
            }
        }
    }

    private static String answerText(int status, String answer) {
        if (status == SlackDeliveryException.NO_RESPONSE) {
            return "no answer (" + answer + ")";
        }
        return "HTTP " + status + " " + (answer.isEmpty() ? "(empty body)" : answer);
    }

    /** Slack's answer as logs and exceptions show it: one line, short, without the URL. */
    private String shown(String body) {
        if (body == null) {
            return "";
        }
        String line = SlackWebhookUrl.redact(body, webhookUrl).strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_ANSWER_CHARS ? line : line.substring(0, MAX_ANSWER_CHARS) + "…";
    }

    private String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName()
                + (message == null ? "" : ": " + SlackWebhookUrl.redact(message, webhookUrl));
    }

    private static ThreadFactory threadsNamed(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
