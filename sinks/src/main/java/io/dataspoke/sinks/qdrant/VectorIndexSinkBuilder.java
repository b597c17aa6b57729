package io.dataspoke.sinks.qdrant;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link VectorIndexSink}. Setters reject nulls; {@link #build()} checks that the index
 * and the dimension are set and that the numbers fit together.
 */
public final class VectorIndexSinkBuilder {

    private VectorIndexFactory index;
    private int dimension;
    private int maxBatchSize = 64;
    private int maxBufferedRequests = 1_000;
    private Duration maxTimeInBuffer = Duration.ofSeconds(1);
    private int maxAttempts = IndexRetryPolicy.DEFAULT.maxAttempts();
    private Duration initialBackoff = IndexRetryPolicy.DEFAULT.initialBackoff();
    private Duration maxBackoff = IndexRetryPolicy.DEFAULT.maxBackoff();
    private Duration requestTimeout = IndexRetryPolicy.DEFAULT.requestTimeout();

    VectorIndexSinkBuilder() {}

    /** What each writer opens its index with, e.g. {@link QdrantOptions}. Required. */
    public VectorIndexSinkBuilder setIndex(VectorIndexFactory index) {
        this.index = Objects.requireNonNull(index, "index");
        return this;
    }

    /** The embedding model's dimension; each writer creates the index with it. Required. */
    public VectorIndexSinkBuilder setDimension(int dimension) {
        this.dimension = dimension;
        return this;
    }

    /** Changes written together in one batch (default 64). */
    public VectorIndexSinkBuilder setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** Changes a writer buffers before it back-pressures (default 1000). */
    public VectorIndexSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    /** The longest a change waits for its batch to fill (default 1 s). */
    public VectorIndexSinkBuilder setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = Objects.requireNonNull(maxTimeInBuffer, "maxTimeInBuffer");
        return this;
    }

    /** Attempts in a row of a failing batch before the job fails (default 10). */
    public VectorIndexSinkBuilder setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The wait before the first retry; it doubles on each further one (default 200 ms). */
    public VectorIndexSinkBuilder setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        return this;
    }

    /** The longest wait between two attempts (default 30 s). */
    public VectorIndexSinkBuilder setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return this;
    }

    /** The longest one attempt of a batch may take, all its calls included (default 5 min). */
    public VectorIndexSinkBuilder setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** The sink; fails when the index or dimension is missing or the numbers do not fit. */
    public VectorIndexSink build() {
        if (index == null) {
            throw new IllegalStateException("setIndex(...) is required: where the index is");
        }
        if (dimension < 1) {
            throw new IllegalStateException(
                    "setDimension(...) is required: the embedding model's dimension, at least 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
        if (maxBufferedRequests <= maxBatchSize) {
            throw new IllegalArgumentException(
                    "maxBufferedRequests must be greater than maxBatchSize");
        }
        if (maxTimeInBuffer.isNegative() || maxTimeInBuffer.toMillis() < 1) {
            throw new IllegalArgumentException("maxTimeInBuffer must be at least 1 ms");
        }
        IndexRetryPolicy policy =
                new IndexRetryPolicy(maxAttempts, initialBackoff, maxBackoff, requestTimeout);
        return new VectorIndexSink(
                index,
                dimension,
                policy,
                maxBatchSize,
                maxBufferedRequests,
                maxTimeInBuffer.toMillis());
    }

    @Override
    public String toString() {
        return "VectorIndexSinkBuilder[" + index + ", dimension=" + dimension + "]";
    }
}
