package io.dataspoke.sinks.datahub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * Sends buffered writes to GMS in batches, one batch in flight at a time. Inside a batch, writes to
 * different aspects go out together and writes to the same aspect go out one after another in input
 * order, so the last write of an aspect is the one GMS keeps, retries included.
 *
 * <p>The base class's flush waits for the batch in flight before a checkpoint completes, and the
 * writes still buffered go into the checkpoint, so every write is sent at least once.
 */
final class DataHubSinkWriter extends AsyncSinkWriter<DataHubWrite, DataHubWrite> {

    private final GmsClient client;
    private final MailboxExecutor mailbox;

    /** Completes once the prerequisite writes are accepted; every batch waits for it. */
    private final CompletableFuture<Void> prerequisites;

    DataHubSinkWriter(
            ElementConverter<DataHubWrite, DataHubWrite> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<DataHubWrite>> restored,
            GmsClient client,
            List<DataHubWrite> prerequisiteWrites) {
        super(converter, context, configuration, restored);
        this.client = client;
        this.mailbox = context.getMailboxExecutor();
        this.prerequisites = sendInOrder(prerequisiteWrites);
        // A mail wakes a flush waiting for the prerequisites, and fails the task if they failed,
        // even when no element ever arrives to send a batch after them.
        prerequisites.whenComplete(
                (done, error) -> {
                    try {
                        mailbox.execute(
                                () -> {
                                    if (error != null) {
                                        throw asException(error);
                                    }
                                },
                                "DataHub prerequisite writes completed");
                    } catch (RejectedExecutionException closed) {
                        // The task is already shutting down.
                    }
                });
    }

    /**
     * Waits for the prerequisite writes as well as for the batch in flight, so a job whose input
     * ends before any batch still leaves them written.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        while (!prerequisites.isDone()) {
            mailbox.yield();
        }
        super.flush(endOfInput);
    }

    @Override
    protected void submitRequestEntries(
            List<DataHubWrite> batch, ResultHandler<DataHubWrite> resultHandler) {
        prerequisites
                .thenCompose(ready -> sendBatch(batch))
                .whenComplete(
                        (done, error) -> {
                            if (error == null) {
                                resultHandler.complete();
                            } else {
                                resultHandler.completeExceptionally(asException(error));
                            }
                        });
    }

    private CompletableFuture<Void> sendBatch(List<DataHubWrite> batch) {
        Map<String, List<DataHubWrite>> byAspect = new LinkedHashMap<>();
        for (DataHubWrite write : batch) {
            byAspect.computeIfAbsent(
                            write.entityUrn() + '\u0000' + write.aspectName(),
                            key -> new ArrayList<>())
                    .add(write);
        }
        CompletableFuture<Void> batchDone = new CompletableFuture<>();
        List<CompletableFuture<Void>> chains = new ArrayList<>(byAspect.size());
        for (List<DataHubWrite> writes : byAspect.values()) {
            CompletableFuture<Void> chain = sendInOrder(writes);
            // A rejection fails the batch at once, without waiting for other aspects' retries.
            chain.whenComplete(
                    (done, error) -> {
                        if (error != null) {
                            batchDone.completeExceptionally(error);
                        }
                    });
            chains.add(chain);
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                .whenComplete(
                        (done, error) -> {
                            if (error == null) {
                                batchDone.complete(null);
                            }
                        });
        return batchDone;
    }

    private CompletableFuture<Void> sendInOrder(List<DataHubWrite> writes) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (DataHubWrite write : writes) {
            chain = chain.thenCompose(previous -> client.send(write));
        }
        return chain;
    }

    /**
     * A rough size for the base class's batch limits: the characters of the strings sent, close to
     * their UTF-8 bytes for the ASCII JSON and URNs DataHub uses.
     */
    @Override
    protected long getSizeInBytes(DataHubWrite write) {
        return write.entityType().length()
                + write.entityUrn().length()
                + write.aspectName().length()
                + write.aspectJson().length();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the DataHub client", e);
        } finally {
            super.close();
        }
    }

    private static Exception asException(Throwable error) {
        Throwable cause = DataHubResponseClassifier.unwrap(error);
        return cause instanceof Exception exception
                ? exception
                : new RuntimeException("DataHub write failed", cause);
    }
}
