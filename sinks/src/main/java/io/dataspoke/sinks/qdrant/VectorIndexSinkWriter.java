package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.RetryableIndexException;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
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
 * Writes batches of {@link IndexChange}s to a {@link VectorIndex}, one batch in flight at a time. A
 * batch is coalesced per point ({@link IndexChangeBatch}) and written as one upsert call, one
 * delete call and a payload update per point.
 *
 * <p>The index's calls block, so they run on a thread of this writer, never on the task's mailbox
 * thread; the same thread creates the index ({@link VectorIndex#create}) when the writer starts,
 * before any batch. When the index answers a {@link RetryableIndexException}, the batch waits out
 * an exponential backoff while still in flight, then goes back to the front of the base's buffer
 * ({@link ResultHandler#retryForEntries}), so that nothing overtakes it; after {@code maxAttempts}
 * failures in a row, or on any other failure, the request fails and with it the job, naming what
 * the index said. A change is never dropped: the base's flush waits for the batch in flight before
 * a checkpoint completes, and what is still buffered goes into the checkpoint.
 */
final class VectorIndexSinkWriter extends AsyncSinkWriter<IndexChange, IndexChange> {

    private static final Logger LOG = LoggerFactory.getLogger(VectorIndexSinkWriter.class);

    private final VectorIndex index;
    private final int dimension;
    private final IndexRetryPolicy retryPolicy;
    private final ScheduledExecutorService executor;
    private final MailboxExecutor mailbox;
    private final Counter retries;

    /** Touched by the executor's one thread only. */
    private boolean created;

    /** Attempts that failed in a row; touched by the executor's one thread only. */
    private int failedAttempts;

    private volatile boolean closed;

    VectorIndexSinkWriter(
            ElementConverter<IndexChange, IndexChange> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<IndexChange>> restored,
            VectorIndexFactory factory,
            int dimension,
            IndexRetryPolicy retryPolicy)
            throws IOException {
        super(converter, context, configuration, restored);
        this.dimension = dimension;
        this.retryPolicy = retryPolicy;
        this.mailbox = context.getMailboxExecutor();
        this.retries = context.metricGroup().counter("vectorIndexRetries");
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "vector-index-writer-" + subtask);
                            thread.setDaemon(true);
                            return thread;
                        });
        this.index = factory.open();
        LOG.info("Vector index sink subtask {} writes to {}", subtask, index);
        executor.execute(this::createOnStart);
    }

    @Override
    protected void submitRequestEntries(
            List<IndexChange> batch, ResultHandler<IndexChange> resultHandler) {
        try {
            executor.execute(() -> write(batch, resultHandler));
        } catch (RejectedExecutionException e) {
            if (!closed) {
                resultHandler.completeExceptionally(e);
            }
        }
    }

    private void createOnStart() {
        try {
            ensureCreated();
        } catch (RetryableIndexException e) {
            LOG.warn(
                    "Could not create the vector index yet; the first batch tries again: {}",
                    e.getMessage());
        } catch (IOException | RuntimeException e) {
            failTask(new IOException("could not create the vector index: " + e.getMessage(), e));
        }
    }

    private void ensureCreated() throws IOException {
        if (!created) {
            index.create(dimension);
            created = true;
        }
    }

    private void write(List<IndexChange> batch, ResultHandler<IndexChange> resultHandler) {
        if (closed) {
            return;
        }
        try {
            ensureCreated();
            IndexChangeBatch.of(batch).applyTo(index);
            failedAttempts = 0;
            resultHandler.complete();
        } catch (RetryableIndexException e) {
            retryLater(batch, resultHandler, e);
        } catch (IOException e) {
            resultHandler.completeExceptionally(
                    new IOException(
                            String.format(
                                    "the vector index rejected a batch of %d changes; not"
                                            + " retried, the same batch would fail again: %s",
                                    batch.size(), e.getMessage()),
                            e));
        } catch (RuntimeException e) {
            resultHandler.completeExceptionally(e);
        }
    }

    private void retryLater(
            List<IndexChange> batch,
            ResultHandler<IndexChange> resultHandler,
            RetryableIndexException error) {
        failedAttempts++;
        if (failedAttempts >= retryPolicy.maxAttempts()) {
            resultHandler.completeExceptionally(
                    new IOException(
                            String.format(
                                    "the vector index did not take a batch of %d changes after %d"
                                            + " attempts; the last failure: %s",
                                    batch.size(), failedAttempts, error.getMessage()),
                            error));
            return;
        }
        retries.inc();
        Duration delay = retryPolicy.delayAfter(failedAttempts);
        LOG.warn(
                "The vector index could not take a batch of {} changes (attempt {} of {}): {};"
                        + " retrying in {} ms",
                batch.size(),
                failedAttempts,
                retryPolicy.maxAttempts(),
                error.getMessage(),
                delay.toMillis());
        try {
            // The batch stays in flight while it waits, so no later batch overtakes it.
            executor.schedule(
                    () -> resultHandler.retryForEntries(batch),
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                resultHandler.completeExceptionally(e);
            }
        }
    }

    private void failTask(Exception error) {
        try {
            mailbox.execute(
                    () -> {
                        throw error;
                    },
                    "vector index creation failed");
        } catch (RejectedExecutionException closing) {
            // The task is already shutting down.
        }
    }

    /**
     * A rough size for the base's batch limits: the vectors' bytes and the characters of the
     * payload's text.
     */
    @Override
    protected long getSizeInBytes(IndexChange change) {
        long size = 64 + change.id().length();
        IndexedDocument document = change.document();
        if (document != null) {
            size += 4L * document.dense().length + 8L * document.sparse().size();
            size += document.contentHash().length() + payloadSize(document.payload());
        }
        if (change.payload() != null) {
            size += payloadSize(change.payload());
        }
        return size;
    }

    private static long payloadSize(io.dataspoke.knowledge.DocumentPayload payload) {
        long size = payload.urn().length() + payload.name().length() + payload.platform().length();
        size += payload.domain() == null ? 0 : payload.domain().length();
        size += payload.description() == null ? 0 : payload.description().length();
        for (List<String> values : List.of(payload.teams(), payload.tags(), payload.owners())) {
            for (String value : values) {
                size += value.length();
            }
        }
        return size;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The vector index writer's thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            index.close();
        } catch (Exception e) {
            LOG.warn("Closing the vector index failed", e);
        } finally {
            super.close();
        }
    }
}
