package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.PointIds;
import io.dataspoke.knowledge.index.VectorIndex;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The vector index sink in a real Flink job on a MiniCluster, with bounded input, writing over gRPC
 * to {@link QdrantGrpcServer} with Qdrant's client while the server fails calls on purpose.
 */
class VectorIndexSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final int DIMENSION = 4;
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    private static QdrantGrpcServer server;

    private String collection;

    @BeforeAll
    static void startServer() throws IOException {
        server = QdrantGrpcServer.start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @BeforeEach
    void newCollection() {
        collection = "sink-" + COLLECTIONS.incrementAndGet();
    }

    @Test
    void everyChangeLandsInOrderPerPointThroughInjectedOutages() throws Exception {
        List<IndexChange> changes = changes(new Random(42), 12, 150);
        Map<String, IndexedDocument> expected = applyInOrder(changes);
        // The first calls (creating the collection) fail, then writes of every kind, some twice.
        server.failNext(2, Status.Code.UNAVAILABLE)
                .failNext(3, Status.Code.UNAVAILABLE, "Upsert")
                .failNext(2, Status.Code.DEADLINE_EXCEEDED, "SetPayload")
                .failNext(1, Status.Code.RESOURCE_EXHAUSTED, "Delete");
        int injectedBefore = server.injectedFailures();

        run(changes, sink(10));

        assertThat(server.injectedFailures() - injectedBefore)
                .as("every injected failure was met, and retried")
                .isEqualTo(8);
        assertThat(server.ids(collection)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (IndexedDocument document : expected.values()) {
            QdrantGrpcServer.StoredPoint point =
                    server.point(collection, document.id()).orElseThrow();
            assertThat(QdrantPayloads.toDocument(point.payload()))
                    .as("payload of %s", document.payload().urn())
                    .isEqualTo(document.payload());
            assertThat(point.payload().get("content_hash").getStringValue())
                    .as("content hash of %s", document.payload().urn())
                    .isEqualTo(document.contentHash());
            assertThat(point.dense().get(VectorIndex.DENSE)).containsExactly(document.dense());
            assertThat(point.sparse().get(VectorIndex.SPARSE)).isEqualTo(document.sparse());
        }
        long upsertCalls = server.calls().stream().filter("Points/Upsert"::equals).count();
        assertThat(upsertCalls)
                .as("changes went out in several batches, so order across batches mattered")
                .isGreaterThan(5);
    }

    @Test
    void aRejectedBatchFailsTheJobWithWhatQdrantSaid() throws Exception {
        try (QdrantVectorIndex existing = server.options(collection).open()) {
            existing.create(8);
        }

        assertThatThrownBy(() -> run(changes(new Random(1), 3, 5), sink(10)))
                .satisfies(
                        failure ->
                                assertThat(ExceptionUtils.findThrowable(failure, IOException.class))
                                        .hasValueSatisfying(
                                                cause ->
                                                        assertThat(cause.getMessage())
                                                                .contains(collection)
                                                                .contains("8-dimensional")
                                                                .contains("gives 4")));
    }

    @Test
    void exhaustedRetriesFailTheJobInsteadOfDroppingChanges() {
        server.failNext(1_000, Status.Code.UNAVAILABLE, "Upsert");
        try {
            List<IndexChange> changes = changes(new Random(7), 3, 5);

            assertThatThrownBy(() -> run(changes, sink(3)))
                    .satisfies(
                            failure ->
                                    assertThat(
                                                    ExceptionUtils.findThrowableWithMessage(
                                                            failure, "after 3 attempts"))
                                            .hasValueSatisfying(
                                                    cause ->
                                                            assertThat(cause.getMessage())
                                                                    .contains("UNAVAILABLE")));
        } finally {
            server.clearFailures();
        }
    }

    private VectorIndexSink sink(int maxAttempts) {
        return VectorIndexSink.builder()
                .setIndex(server.options(collection))
                .setDimension(DIMENSION)
                .setMaxBatchSize(7)
                .setMaxBufferedRequests(20)
                .setMaxTimeInBuffer(Duration.ofMillis(20))
                .setMaxAttempts(maxAttempts)
                .setInitialBackoff(Duration.ofMillis(5))
                .setMaxBackoff(Duration.ofMillis(40))
                .build();
    }

    /**
     * Runs {@code changes} through the sink. The changes are made by a map chained to the sink,
     * with object reuse, so they are never serialized between operators: IndexChange's payload
     * lists would need Kryo (see the report on the model classes).
     */
    private static void run(List<IndexChange> changes, VectorIndexSink sink) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        env.fromSequence(0, changes.size() - 1)
                .map(new ChangeAt(changes))
                .name("Index Changes")
                .sinkTo(sink)
                .name("Vector Index")
                .uid("vector-index-sink");
        env.execute("vector-index-sink");
    }

    /** The change at a position of a fixed list. */
    private static final class ChangeAt implements MapFunction<Long, IndexChange> {
        private final ArrayList<IndexChange> changes;

        ChangeAt(List<IndexChange> changes) {
            this.changes = new ArrayList<>(changes);
        }

        @Override
        public IndexChange map(Long position) {
            return changes.get(position.intValue());
        }
    }

    /**
     * {@code count} random changes over {@code points} points: upserts with a new hash and vectors
     * each time, payload changes with a new health score, deletes; points are upserted again after
     * a delete, so the order of a point's changes decides its end state.
     */
    private static List<IndexChange> changes(Random random, int points, int count) {
        List<IndexChange> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String urn =
                    "urn:li:dataset:(urn:li:dataPlatform:hive,db.t"
                            + random.nextInt(points)
                            + ",PROD)";
            String id = PointIds.of(urn);
            int kind = random.nextInt(10);
            if (kind < 5) {
                float[] dense = {random.nextFloat(), random.nextFloat(), random.nextFloat(), 1f};
                SparseVector sparse =
                        SparseVector.of(Map.of(random.nextInt(50), 1f + i, 50 + i, 0.5f));
                changes.add(
                        IndexChange.upsert(
                                new IndexedDocument(
                                        id, dense, sparse, payload(urn, i), "hash-" + i)));
            } else if (kind < 8) {
                changes.add(IndexChange.payload(id, payload(urn, i)));
            } else {
                changes.add(IndexChange.delete(id));
            }
        }
        return changes;
    }

    private static DocumentPayload payload(String urn, int step) {
        return new DocumentPayload(
                urn,
                urn.substring(urn.indexOf(",") + 1, urn.lastIndexOf(",")),
                "hive",
                step % 3 == 0 ? null : "urn:li:domain:d" + step,
                List.of("team-" + step % 4),
                List.of(),
                List.of("urn:li:corpuser:owner" + step),
                "step " + step,
                (double) step,
                step % 2 == 0 ? "PASS" : "WARN",
                step % 5,
                false,
                step % 7 == 0);
    }

    /** The index as applying the changes one by one leaves it. */
    private static Map<String, IndexedDocument> applyInOrder(List<IndexChange> changes) {
        Map<String, IndexedDocument> index = new LinkedHashMap<>();
        for (IndexChange change : changes) {
            switch (change.kind()) {
                case UPSERT -> index.put(change.id(), change.document());
                case PAYLOAD ->
                        index.computeIfPresent(
                                change.id(),
                                (id, d) ->
                                        new IndexedDocument(
                                                id,
                                                d.dense(),
                                                d.sparse(),
                                                change.payload(),
                                                d.contentHash()));
                case DELETE -> index.remove(change.id());
            }
        }
        return index;
    }
}
