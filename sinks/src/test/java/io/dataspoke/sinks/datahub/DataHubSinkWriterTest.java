package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.linkedin.structured.StructuredProperties;
import com.linkedin.structured.StructuredPropertyDefinition;
import io.dataspoke.sinks.datahub.SimulatedGms.Received;
import io.dataspoke.sinks.datahub.SimulatedGms.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's at-least-once contract: a checkpoint's flush does not return while a write is
 * unanswered, and what is still buffered goes into the checkpoint. GMS is simulated by an
 * in-process server speaking its REST protocol ({@link SimulatedGms}); the writer runs on the test
 * thread, which is its mailbox thread as the task thread is in Flink.
 */
class DataHubSinkWriterTest {

    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final String RETURNS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.returns,PROD)";

    private SimulatedGms gms;
    private TestWriterContext context;

    @BeforeEach
    void start() throws Exception {
        gms = SimulatedGms.start();
        context = new TestWriterContext();
    }

    @AfterEach
    void stop() {
        context.close();
        gms.close();
    }

    @Test
    void aCheckpointFlushWaitsForTheWriteInFlight() throws Exception {
        seedDefinitions();
        CountDownLatch answer = new CountDownLatch(1);
        gms.then(Reply.after(answer));
        DataHubSink sink = sink().setMaxBatchSize(1).setMaxBufferedRequests(10).build();

        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer = sink.createWriter(context)) {
            writer.write(DocumentationHealthAspects.health(ORDERS, 55, "FAIR"), null);
            gms.awaitReceived(1, Duration.ofSeconds(10));

            // GMS answers only once the flush below is blocked waiting for that answer.
            AtomicReference<String> whileFlushWaited = new AtomicReference<>();
            Thread flushing = Thread.currentThread();
            Thread gmsAnswers =
                    new Thread(
                            () -> {
                                awaitBlockedInFlush(flushing);
                                whileFlushWaited.set(
                                        "blocked in flush, stored=" + (healthOf(ORDERS) != null));
                                answer.countDown();
                            });
            gmsAnswers.start();
            writer.flush(false);
            gmsAnswers.join();

            assertThat(whileFlushWaited.get()).isEqualTo("blocked in flush, stored=false");
            assertThat(DocumentationHealthAspectsTest.values(healthOf(ORDERS)))
                    .containsEntry(DocumentationHealthAspects.SCORE_URN, "55.0");
            assertThat(writer.snapshotState(1))
                    .singleElement()
                    .satisfies(state -> assertThat(state.getBufferedRequestEntries()).isEmpty());
        }
    }

    @Test
    void bufferedWritesGoIntoTheCheckpointAndAreSentAfterARestore() throws Exception {
        seedDefinitions();
        DataHubSink sink = sink().setMaxBatchSize(10).setMaxBufferedRequests(100).build();
        SimpleVersionedSerializer<BufferedRequestState<DataHubWrite>> serializer =
                sink.getWriterStateSerializer();
        List<DataHubWrite> writes =
                List.of(
                        DocumentationHealthAspects.health(ORDERS, 20, "POOR"),
                        DocumentationHealthAspects.health(RETURNS, 90, "GOOD"));

        byte[] checkpoint;
        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer = sink.createWriter(context)) {
            for (DataHubWrite write : writes) {
                writer.write(write, null);
            }
            writer.flush(false);
            List<BufferedRequestState<DataHubWrite>> state = writer.snapshotState(1);
            assertThat(state).hasSize(1);
            checkpoint = serializer.serialize(state.get(0));
        }
        assertThat(gms.received()).as("a batch not yet full is not sent by a checkpoint").isEmpty();

        // The job fails here; the restored writer sends what the checkpoint held.
        BufferedRequestState<DataHubWrite> restored =
                serializer.deserialize(serializer.getVersion(), checkpoint);
        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer =
                sink.restoreWriter(context, List.of(restored))) {
            writer.flush(true);
        }
        assertThat(DocumentationHealthAspectsTest.values(healthOf(ORDERS)))
                .containsEntry(DocumentationHealthAspects.LEVEL_URN, "POOR");
        assertThat(DocumentationHealthAspectsTest.values(healthOf(RETURNS)))
                .containsEntry(DocumentationHealthAspects.LEVEL_URN, "GOOD");
    }

    @Test
    void writesToOneAspectKeepTheirOrderThroughRetries() throws Exception {
        seedDefinitions();
        gms.then(Reply.status(503, "busy")).then(Reply.status(503, "busy"));
        DataHubSink sink = sink().setMaxBatchSize(3).setMaxBufferedRequests(10).build();

        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer = sink.createWriter(context)) {
            writer.write(DocumentationHealthAspects.health(ORDERS, 10, "POOR"), null);
            writer.write(DocumentationHealthAspects.health(RETURNS, 20, "POOR"), null);
            writer.write(DocumentationHealthAspects.health(ORDERS, 30, "FAIR"), null);
            writer.flush(true);
        }

        assertThat(DocumentationHealthAspectsTest.values(healthOf(ORDERS)))
                .containsEntry(DocumentationHealthAspects.SCORE_URN, "30.0");
        assertThat(DocumentationHealthAspectsTest.values(healthOf(RETURNS)))
                .containsEntry(DocumentationHealthAspects.SCORE_URN, "20.0");
        List<String> ordersSent = new ArrayList<>();
        for (Received received : gms.received()) {
            if (received.proposal().getEntityUrn().toString().equals(ORDERS)) {
                String patch =
                        received.proposal().getAspect().getValue().asString(StandardCharsets.UTF_8);
                ordersSent.add(patch.contains("{\"double\":10}") ? "10" : "30");
            }
        }
        // 10 may have been sent twice (a 503), but never after 30.
        assertThat(String.join(",", ordersSent)).matches("10(,10){0,2},30(,30){0,2}");
    }

    @Test
    void prerequisitesGoFirstAndAFlushWaitsForThem() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        gms.then(Reply.after(answer));
        DataHubSink sink =
                sink().setPrerequisiteWrites(DocumentationHealthAspects.definitions()).build();

        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer = sink.createWriter(context)) {
            gms.awaitReceived(1, Duration.ofSeconds(10));
            Thread flushing = Thread.currentThread();
            Thread gmsAnswers =
                    new Thread(
                            () -> {
                                awaitBlockedInFlush(flushing);
                                answer.countDown();
                            });
            gmsAnswers.start();
            // No element at all: the end of input must still wait for the definitions.
            writer.flush(true);
            gmsAnswers.join();
            assertThat(definition(DocumentationHealthAspects.SCORE_URN)).isNotNull();
            assertThat(definition(DocumentationHealthAspects.LEVEL_URN)).isNotNull();

            writer.write(DocumentationHealthAspects.health(ORDERS, 70, "FAIR"), null);
            writer.flush(true);
        }
        assertThat(gms.received())
                .extracting(received -> received.proposal().getAspectName())
                .containsExactly(
                        "propertyDefinition", "propertyDefinition", "structuredProperties");
    }

    @Test
    void aRejectionFailsTheFlushWithStatusAndUrn() throws Exception {
        seedDefinitions();
        gms.then(Reply.status(422, "Failed to validate record"));
        DataHubSink sink = sink().build();

        try (AsyncSinkWriter<DataHubWrite, DataHubWrite> writer = sink.createWriter(context)) {
            writer.write(DocumentationHealthAspects.health(ORDERS, 10, "POOR"), null);
            assertThatThrownBy(() -> writer.flush(true))
                    .isInstanceOf(DataHubWriteException.class)
                    .hasMessageContaining("HTTP 422")
                    .hasMessageContaining(ORDERS)
                    .hasMessageContaining("Failed to validate record");
        }
    }

    private DataHubSinkBuilder sink() {
        return DataHubSink.builder()
                .setOptions(DataHubSinkOptions.withoutToken(gms.url()))
                .setInitialBackoff(Duration.ofMillis(10))
                .setMaxBackoff(Duration.ofMillis(50))
                .setRequestTimeout(Duration.ofSeconds(5));
    }

    /** GMS already knows both properties, as after an earlier run. */
    private void seedDefinitions() {
        for (DataHubWrite definition : DocumentationHealthAspects.definitions()) {
            gms.seed(
                    definition.entityUrn(),
                    definition.aspectName(),
                    RecordUtils.toRecordTemplate(
                            StructuredPropertyDefinition.class, definition.aspectJson()));
        }
    }

    private StructuredProperties healthOf(String datasetUrn) {
        return gms.aspect(datasetUrn, "structuredProperties", StructuredProperties.class);
    }

    private StructuredPropertyDefinition definition(String propertyUrn) {
        return gms.aspect(propertyUrn, "propertyDefinition", StructuredPropertyDefinition.class);
    }

    /**
     * Polls until {@code thread} is parked in the writer's flush, waiting in the mailbox for the
     * answer of a write (as the task thread waits in a checkpoint); fails after ten seconds.
     */
    private static void awaitBlockedInFlush(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!blockedInFlush(thread)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        thread.getName() + " never blocked in flush; it is " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }

    private static boolean blockedInFlush(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        boolean inYield = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            inYield |=
                    frame.getMethodName().equals("yield")
                            && frame.getClassName().endsWith("MailboxExecutorImpl");
            if (inYield
                    && frame.getMethodName().equals("flush")
                    && frame.getClassName().equals(DataHubSinkWriter.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
