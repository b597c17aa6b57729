package io.dataspoke.sinks.slack;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSink;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Sink V2 that posts {@link SlackMessage}s to a Slack incoming webhook: owner digests and quality
 * alerts. Built on the connector base's {@link AsyncSinkBase} as the Prometheus connector is, with
 * {@link SlackMessageConverter} as element converter and {@link SlackResponseClassifier} to
 * separate retryable from fatal answers; see {@link SlackSinkWriter} for the retry and failure
 * semantics.
 *
 * <p>Each message is one HTTP request and a writer has one request in flight, so the messages of a
 * subtask arrive in order. Delivery is at least once: messages still buffered at a checkpoint are
 * part of it, and a request that timed out may have been posted.
 *
 * <pre>{@code
 * SlackSink sink = SlackSink.builder()
 *         .setWebhookUrl(SlackWebhookUrl.fromEnvironment())
 *         .build();
 * alerts.sinkTo(sink).name("Slack Alerts").uid("slack-alerts-sink");
 * }</pre>
 */
public class SlackSink extends AsyncSinkBase<SlackMessage, SlackWebhookRequest> {

    private static final long serialVersionUID = 1L;

    /** A webhook takes one message per request. */
    static final int MAX_BATCH_SIZE = 1;

    /** One request in flight keeps a writer's messages in order. */
    static final int MAX_IN_FLIGHT_REQUESTS = 1;

    /** Slack's rate is about a message per second; there is nothing to gain from waiting long. */
    static final long MAX_TIME_IN_BUFFER_MS = 1_000;

    /** Room above the longest retry sequence before the sink base calls a request timed out. */
    static final Duration BASE_TIMEOUT_MARGIN = Duration.ofMinutes(1);

    private final SlackWebhookOptions options;

    SlackSink(SlackWebhookOptions options, int maxBufferedRequests) {
        super(
                new SlackMessageConverter(),
                MAX_BATCH_SIZE,
                MAX_IN_FLIGHT_REQUESTS,
                maxBufferedRequests,
                SlackMessageConverter.MAX_PAYLOAD_BYTES,
                MAX_TIME_IN_BUFFER_MS,
                SlackMessageConverter.MAX_PAYLOAD_BYTES,
                options.worstCaseDelivery().plus(BASE_TIMEOUT_MARGIN).toMillis(),
                true);
        this.options = options;
    }

    /** A builder; the webhook URL is the only required setting. */
    public static SlackSinkBuilder builder() {
        return new SlackSinkBuilder();
    }

    /** The webhook and retry settings the writers use. */
    public SlackWebhookOptions options() {
        return options;
    }

    @Override
    public SlackSinkWriter createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public SlackSinkWriter restoreWriter(
            WriterInitContext context,
            Collection<BufferedRequestState<SlackWebhookRequest>> recoveredState) {
        return new SlackSinkWriter(
                getElementConverter(), context, writerConfiguration(), options, recoveredState);
    }

    /**
     * The pre-1.19 entry point, which Flink 1.20 no longer calls: it creates writers through {@link
     * #createWriter(WriterInitContext)}. Kept out because Flink 2 removes it.
     *
     * @deprecated use {@link #createWriter(WriterInitContext)}
     */
    @Override
    @Deprecated
    public StatefulSink.StatefulSinkWriter<SlackMessage, BufferedRequestState<SlackWebhookRequest>>
            createWriter(InitContext context) {
        throw new UnsupportedOperationException(
                "SlackSink creates writers through createWriter(WriterInitContext)");
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<SlackWebhookRequest>>
            getWriterStateSerializer() {
        return new SlackWebhookRequestSerializer();
    }

    private AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .build();
    }

    /** Shows the webhook's host only. */
    @Override
    public String toString() {
        return "SlackSink[" + options + ", maxBufferedRequests=" + getMaxBufferedRequests() + "]";
    }
}
