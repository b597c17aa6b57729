package io.dataspoke.sinks.datahub;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link DataHubSink}. Setters reject nulls; {@link #build()} checks that the options are
 * set and that the numbers fit together.
 */
public final class DataHubSinkBuilder {

    /**
     * GMS refuses larger payloads by default ({@code INGESTION_MAX_SERIALIZED_STRING_LENGTH} is 16
     * million characters); a bigger aspect fails at the sink instead of at GMS.
     */
    static final long MAX_RECORD_SIZE_BYTES = 15L * 1024 * 1024;

    private DataHubSinkOptions options;
    private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();
    private Duration initialBackoff = RetryPolicy.DEFAULT.initialBackoff();
    private Duration maxBackoff = RetryPolicy.DEFAULT.maxBackoff();
    private Duration maxRetryAfter = RetryPolicy.DEFAULT.maxRetryAfter();
    private Duration requestTimeout = RetryPolicy.DEFAULT.requestTimeout();
    private int maxBatchSize = 20;
    private int maxBufferedRequests = 1_000;
    private Duration maxTimeInBuffer = Duration.ofSeconds(1);
    private List<DataHubWrite> prerequisiteWrites = List.of();

    DataHubSinkBuilder() {}

    /** Where GMS is and the token to use. Required. */
    public DataHubSinkBuilder setOptions(DataHubSinkOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /** Sends per write, the first included, before the job fails (default 8). */
    public DataHubSinkBuilder setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The wait before the first retry; it doubles on each further one (default 500 ms). */
    public DataHubSinkBuilder setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        return this;
    }

    /** The longest backoff between two sends (default 30 s). */
    public DataHubSinkBuilder setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        return this;
    }

    /** The longest Retry-After from GMS that is honoured as asked (default 2 min). */
    public DataHubSinkBuilder setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        return this;
    }

    /** How long one send may take to connect and be answered (default 30 s). */
    public DataHubSinkBuilder setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        return this;
    }

    /** Writes sent together in one batch (default 20). */
    public DataHubSinkBuilder setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** Writes a writer buffers before it back-pressures (default 1000). */
    public DataHubSinkBuilder setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    /** The longest a write waits for its batch to fill (default 1 s). */
    public DataHubSinkBuilder setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = Objects.requireNonNull(maxTimeInBuffer, "maxTimeInBuffer");
        return this;
    }

    /**
     * Writes every writer sends, in order, when it starts and before any element: idempotent
     * prerequisites of the elements, such as the structured property definitions of {@link
     * DocumentationHealthAspects#definitions()}. They are sent again after each restart.
     */
    public DataHubSinkBuilder setPrerequisiteWrites(List<DataHubWrite> prerequisiteWrites) {
        Objects.requireNonNull(prerequisiteWrites, "prerequisiteWrites");
        prerequisiteWrites.forEach(write -> Objects.requireNonNull(write, "prerequisite write"));
        this.prerequisiteWrites = List.copyOf(prerequisiteWrites);
        return this;
    }

    /** The sink; fails when the options are missing or the numbers do not fit together. */
    public DataHubSink build() {
        if (options == null) {
            throw new IllegalStateException("setOptions(...) is required: where GMS is");
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
        RetryPolicy policy =
                new RetryPolicy(
                        maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, requestTimeout);
        return new DataHubSink(
                options,
                policy,
                prerequisiteWrites,
                maxBatchSize,
                maxBufferedRequests,
                maxTimeInBuffer);
    }

    /** The settings without the token. */
    @Override
    public String toString() {
        return "DataHubSinkBuilder[" + options + "]";
    }
}
