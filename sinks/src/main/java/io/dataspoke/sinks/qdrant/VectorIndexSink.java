package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.IndexChange;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSink;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Sink V2 that writes {@link IndexChange}s (documents embedded, payloads changed, documents
 * deleted) to a vector index: Qdrant ({@link QdrantOptions}) or any other {@link
 * io.dataspoke.knowledge.index.VectorIndex} a {@link VectorIndexFactory} opens. Built on the
 * connector base's {@link AsyncSinkBase}, as our Slack and DataHub sinks are; see {@link
 * VectorIndexSinkWriter} for batching, retries and failures.
 *
 * <p>One batch is in flight per writer, so the changes of a point are applied in input order; key
 * the stream by point id before the sink when it runs with parallelism above one. Delivery is at
 * least once, which is safe: every index call is idempotent.
 *
 * <pre>{@code
 * VectorIndexSink sink = VectorIndexSink.builder()
 *         .setIndex(QdrantOptions.plaintext("qdrant", 6334, "datasets"))
 *         .setDimension(384)
 *         .build();
 * changes.sinkTo(sink).name("Qdrant Index").uid("qdrant-index-sink");
 * }</pre>
 */
public final class VectorIndexSink extends AsyncSinkBase<IndexChange, IndexChange> {

    private static final long serialVersionUID = 1L;

    /** Gives the base's batch limit in bytes room for a full batch of large documents. */
    static final long MAX_BATCH_SIZE_BYTES = 16L * 1024 * 1024;

    /** Well under gRPC's default message limit of 4 MB, which Qdrant keeps. */
    static final long MAX_RECORD_SIZE_BYTES = 1024L * 1024;

    private final VectorIndexFactory index;
    private final int dimension;
    private final IndexRetryPolicy retryPolicy;

    VectorIndexSink(
            VectorIndexFactory index,
            int dimension,
            IndexRetryPolicy retryPolicy,
            int maxBatchSize,
            int maxBufferedRequests,
            long maxTimeInBufferMs) {
        super(
                new IndexChangeConverter(),
                maxBatchSize,
                // One batch in flight keeps each point's changes in order across batches.
                1,
                maxBufferedRequests,
                MAX_BATCH_SIZE_BYTES,
                maxTimeInBufferMs,
                MAX_RECORD_SIZE_BYTES,
                retryPolicy.inFlightBudget().toMillis(),
                // Past that budget a batch is stuck: failing beats sending it again beside itself.
                true);
        this.index = index;
        this.dimension = dimension;
        this.retryPolicy = retryPolicy;
    }

    /** A builder; the index and the dimension are required. */
    public static VectorIndexSinkBuilder builder() {
        return new VectorIndexSinkBuilder();
    }

    @Override
    public VectorIndexSinkWriter createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public VectorIndexSinkWriter restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<IndexChange>> restored)
            throws IOException {
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
        return new VectorIndexSinkWriter(
                getElementConverter(),
                context,
                configuration,
                restored,
                index,
                dimension,
                retryPolicy);
    }

    /**
     * The pre-1.19 entry point, which Flink 1.20 no longer calls.
     *
     * @deprecated use {@link #createWriter(WriterInitContext)}
     */
    @Override
    @Deprecated
    public StatefulSink.StatefulSinkWriter<IndexChange, BufferedRequestState<IndexChange>>
            createWriter(InitContext context) {
        throw new UnsupportedOperationException(
                "VectorIndexSink creates writers through createWriter(WriterInitContext)");
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<IndexChange>> getWriterStateSerializer() {
        return new IndexChangeStateSerializer();
    }

    VectorIndexFactory index() {
        return index;
    }

    int dimension() {
        return dimension;
    }

    IndexRetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The index's factory prints without secrets ({@link QdrantOptions#toString()}). */
    @Override
    public String toString() {
        return "VectorIndexSink[" + index + ", dimension=" + dimension + ", " + retryPolicy + "]";
    }
}
