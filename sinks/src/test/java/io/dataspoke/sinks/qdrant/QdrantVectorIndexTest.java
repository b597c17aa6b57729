package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.RetryableIndexException;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.index.VectorIndex;
import io.grpc.Status;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link QdrantVectorIndex} over real gRPC, with Qdrant's client, against {@link QdrantGrpcServer}:
 * the {@link VectorIndexContract}, and what only Qdrant has (payload keys, field indexes, gRPC
 * statuses).
 */
class QdrantVectorIndexTest extends VectorIndexContract {

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

    @Override
    protected VectorIndex newIndex() {
        collection = "documents-" + COLLECTIONS.incrementAndGet();
        return server.options(collection).open();
    }

    @Test
    void createIndexesTheFilterFields() throws IOException {
        index.create(DIMENSION);

        assertThat(server.payloadIndexes(collection))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "platform", PayloadSchemaType.Keyword,
                                "domain", PayloadSchemaType.Keyword,
                                "teams", PayloadSchemaType.Keyword,
                                "tags", PayloadSchemaType.Keyword,
                                "health_score", PayloadSchemaType.Float,
                                "deprecated", PayloadSchemaType.Bool));
    }

    @Test
    void pointsCarryBothNamedVectorsAndSnakeCasePayload() throws IOException {
        indexAll();

        QdrantGrpcServer.StoredPoint point = server.point(collection, ORDERS.id()).orElseThrow();
        assertThat(point.dense().get(VectorIndex.DENSE)).containsExactly(ORDERS.dense());
        assertThat(point.sparse().get(VectorIndex.SPARSE)).isEqualTo(ORDERS.sparse());
        assertThat(point.payload())
                .containsOnlyKeys(
                        "urn",
                        "name",
                        "platform",
                        "domain",
                        "teams",
                        "tags",
                        "owners",
                        "description",
                        "health_score",
                        "quality_status",
                        "open_incidents",
                        "pii",
                        "deprecated",
                        "content_hash");
        assertThat(point.payload().get("health_score").getDoubleValue()).isEqualTo(80.0);
        assertThat(point.payload().get("content_hash").getStringValue())
                .isEqualTo("hash-of-sales.public.orders");
    }

    @Test
    void payloadUpdateKeepsTheContentHash() throws IOException {
        indexAll();

        index.setPayload(ORDERS.id(), ORDERS.payload().withQuality(5.0, "BLOCK", 1));

        Map<String, Value> payload = server.point(collection, ORDERS.id()).orElseThrow().payload();
        assertThat(payload.get("content_hash").getStringValue())
                .isEqualTo("hash-of-sales.public.orders");
        assertThat(payload.get("quality_status").getStringValue()).isEqualTo("BLOCK");
    }

    @Test
    void hybridSearchIsOneQueryCall() throws IOException {
        indexAll();
        int before = server.calls().size();

        index.search(DENSE_QUERY, TERM_1, SearchFilter.NONE, 3);

        assertThat(server.calls().subList(before, server.calls().size()))
                .containsExactly("Points/Query");
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.Code.class,
            names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED"})
    void passingFailuresAreRetryable(Status.Code code) throws IOException {
        indexAll();
        server.failNext(1, code);

        assertThatThrownBy(() -> index.count())
                .isInstanceOf(RetryableIndexException.class)
                .hasMessageContaining(code.name())
                .hasMessageContaining(collection);
        assertThat(index.count()).as("the next call goes through").isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.Code.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"OK", "UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED"})
    void otherStatusesAreFatal(Status.Code code) throws IOException {
        indexAll();
        server.failNext(1, code, "Upsert");

        assertThatThrownBy(() -> index.upsert(List.of(ORDERS)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RetryableIndexException.class)
                .hasMessageContaining(code.name());
    }

    @Test
    void aRejectedRequestIsAFatalIoExceptionWithQdrantsMessage() throws IOException {
        index.create(DIMENSION);
        IndexedDocument tooShort =
                new IndexedDocument(
                        ORDERS.id(),
                        new float[] {1f, 0f},
                        ORDERS.sparse(),
                        ORDERS.payload(),
                        ORDERS.contentHash());

        assertThatThrownBy(() -> index.upsert(List.of(tooShort)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RetryableIndexException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("expected dim: 4, got 2");
        assertThat(index.count()).isZero();
    }

    @Test
    void aMissingCollectionIsFatal() {
        assertThatThrownBy(() -> index.count())
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RetryableIndexException.class)
                .hasMessageContaining("NOT_FOUND");
    }

    @Test
    void theApiKeyIsNeverPrinted() {
        QdrantOptions options =
                new QdrantOptions(
                        "qdrant", 6334, true, "s3cr3t-key", "documents", Duration.ofSeconds(3));

        assertThat(options.toString()).doesNotContain("s3cr3t-key").contains("apiKey=***");
        try (QdrantVectorIndex opened = options.open()) {
            assertThat(opened.toString()).doesNotContain("s3cr3t-key");
        }
    }
}
