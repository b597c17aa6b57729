package io.dataspoke.sinks.datahub;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes aspects back into DataHub through GMS's REST API ({@code /aspects?action=ingestProposal}),
 * with DataHub's own Java client. At least once: a checkpoint waits for the writes in flight, and
 * GMS's answers are classified so throttling and outages are retried while rejections fail the job
 * with what GMS said. Build it with {@link #builder()}.
 *
 * <p>Writes to one aspect keep their order within a subtask; key the stream by entity URN before
 * the sink when it runs with parallelism above one.
 */
public final class DataHubSink extends AsyncSinkBase<DataHubWrite, DataHubWrite> {

    private final DataHubSinkOptions options;
    private final RetryPolicy retryPolicy;
    private final List<DataHubWrite> prerequisiteWrites;

    DataHubSink(
            DataHubSinkOptions options,
            RetryPolicy retryPolicy,
            List<DataHubWrite> prerequisiteWrites,
            int maxBatchSize,
            int maxBufferedRequests,
            Duration maxTimeInBuffer) {
        super(
                new DataHubWriteConverter(),
                maxBatchSize,
                // One batch in flight keeps each aspect's writes in order across batches.
                1,
                maxBufferedRequests,
                DataHubSinkBuilder.MAX_RECORD_SIZE_BYTES,
                maxTimeInBuffer.toMillis(),
                DataHubSinkBuilder.MAX_RECORD_SIZE_BYTES,
                requestTimeoutMillis(retryPolicy, maxBatchSize, prerequisiteWrites.size()),
                // Past that budget a batch is stuck: failing beats re-sending it beside itself.
                true);
        this.options = options;
        this.retryPolicy = retryPolicy;
        this.prerequisiteWrites = List.copyOf(prerequisiteWrites);
    }

    /** A builder; only {@link DataHubSinkBuilder#setOptions} is required. */
    public static DataHubSinkBuilder builder() {
        return new DataHubSinkBuilder();
    }

    @Override
    public AsyncSinkWriter<DataHubWrite, DataHubWrite> createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public AsyncSinkWriter<DataHubWrite, DataHubWrite> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<DataHubWrite>> restored) {
        AsyncSinkWriterConfiguration configuration =
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(getMaxBatchSize())
                        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                        .setMaxInFlightRequests(getMaxInFlightRequests())
                        .setMaxBufferedRequests(getMaxBufferedRequests())
                        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                        .setRequestTimeoutMS(getRequestTimeoutMS())
                        .setFailOnTimeout(getFailOnTimeout())
                        .build();
        // The client (and its HTTP connections) belongs to the writer and closes with it.
        GmsClient client =
                new GmsClient(
                        options, retryPolicy, context.metricGroup().counter("datahubRetries"));
        return new DataHubSinkWriter(
                getElementConverter(),
                context,
                configuration,
                restored,
                client,
                prerequisiteWrites);
    }

    /**
     * Flink 1.20 calls {@link #createWriter(WriterInitContext)}; this deprecated variant is only
     * still abstract in the base class.
     */
    @Override
    @Deprecated
    public AsyncSinkWriter<DataHubWrite, DataHubWrite> createWriter(Sink.InitContext context) {
        throw new UnsupportedOperationException("use createWriter(WriterInitContext)");
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<DataHubWrite>>
            getWriterStateSerializer() {
        return new DataHubWriteStateSerializer();
    }

    DataHubSinkOptions options() {
        return options;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    List<DataHubWrite> prerequisiteWrites() {
        return prerequisiteWrites;
    }

    /** The options without the token. */
    @Override
    public String toString() {
        return "DataHubSink[" + options + ", " + retryPolicy + "]";
    }

    /**
     * The base class's watchdog on one batch: every write of it, and the prerequisites before it,
     * may take the policy's worst case, one after another, plus a minute of slack.
     */
    private static long requestTimeoutMillis(RetryPolicy policy, int maxBatchSize, int prereqs) {
        return policy.worstCase()
                .multipliedBy((long) maxBatchSize + prereqs)
                .plus(Duration.ofMinutes(1))
                .toMillis();
    }
}
