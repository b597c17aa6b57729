package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.PointIds;
import io.dataspoke.knowledge.index.RetryableIndexException;
import io.dataspoke.knowledge.index.ScoredPoint;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorIndex} must do, as its Javadoc says: a test class per implementation
 * extends this one and says how to open a fresh, empty index. It depends on nothing but the
 * interface and its model, so the embedded store can copy or extend it as it is.
 *
 * <p>The four documents are chosen so that each ranking is unambiguous: the dense query ranks
 * customers, orders, events, returns; the sparse query on term 1 ranks orders, events; their RRF
 * fusion ranks orders, events, customers, returns, which neither branch gives alone.
 */
public abstract class VectorIndexContract {

    protected static final int DIMENSION = 4;

    protected static final IndexedDocument ORDERS =
            document(
                    "urn:li:dataset:(urn:li:dataPlatform:snowflake,sales.public.orders,PROD)",
                    "sales.public.orders",
                    "snowflake",
                    "urn:li:domain:sales",
                    List.of("sales-eng"),
                    List.of("urn:li:tag:pii"),
                    80.0,
                    false,
                    new float[] {1f, 0f, 0f, 0f},
                    Map.of(1, 1.0f, 2, 0.5f));
    protected static final IndexedDocument CUSTOMERS =
            document(
                    "urn:li:dataset:(urn:li:dataPlatform:snowflake,crm.public.customers,PROD)",
                    "crm.public.customers",
                    "snowflake",
                    "urn:li:domain:crm",
                    List.of("crm"),
                    List.of(),
                    null,
                    false,
                    new float[] {0.6f, 0.8f, 0f, 0f},
                    Map.of(2, 2.0f, 3, 1.0f));
    protected static final IndexedDocument EVENTS =
            document(
                    "urn:li:dataset:(urn:li:dataPlatform:kafka,clickstream.events,PROD)",
                    "clickstream.events",
                    "kafka",
                    null,
                    List.of("platform", "sales-eng"),
                    List.of("urn:li:tag:raw"),
                    40.0,
                    true,
                    new float[] {0f, 0.6f, 0.8f, 0f},
                    Map.of(1, 0.2f, 4, 0.8f));
    protected static final IndexedDocument RETURNS =
            document(
                    "urn:li:dataset:(urn:li:dataPlatform:hive,sales.returns,PROD)",
                    "sales.returns",
                    "hive",
                    "urn:li:domain:sales",
                    List.of("sales-eng"),
                    List.of(),
                    95.0,
                    false,
                    new float[] {0f, 0f, 0.6f, 0.8f},
                    Map.of(2, 0.5f, 5, 1.0f));

    /** Cosine 0.96, 0.8, 0.36 and 0 to customers, orders, events and returns. */
    protected static final float[] DENSE_QUERY = {0.8f, 0.6f, 0f, 0f};

    /** Term 1: orders (1.0) before events (0.2); customers and returns lack it. */
    protected static final SparseVector TERM_1 = SparseVector.of(Map.of(1, 1.0f));

    protected VectorIndex index;

    /** A new index on an empty store, not yet created. */
    protected abstract VectorIndex newIndex() throws IOException;

    @BeforeEach
    void openIndex() throws IOException {
        index = newIndex();
    }

    @AfterEach
    void closeIndex() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void createIsIdempotentAndKeepsThePoints() throws IOException {
        index.create(DIMENSION);
        index.upsert(List.of(ORDERS));
        index.create(DIMENSION);

        assertThat(index.count()).isEqualTo(1);
        assertThat(index.payload(ORDERS.id())).contains(ORDERS.payload());
    }

    @Test
    void anExistingIndexOfAnotherDimensionIsRejectedNamingBothSizes() throws IOException {
        index.create(DIMENSION);

        assertThatThrownBy(() -> index.create(8))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(RetryableIndexException.class)
                .hasMessageContaining("4")
                .hasMessageContaining("8");
    }

    @Test
    void upsertKeepsEveryPayloadFieldAndReplacesById() throws IOException {
        index.create(DIMENSION);
        index.upsert(List.of(ORDERS, CUSTOMERS, EVENTS, RETURNS));
        IndexedDocument renamed =
                new IndexedDocument(
                        ORDERS.id(),
                        ORDERS.dense(),
                        ORDERS.sparse(),
                        ORDERS.payload().withQuality(10.0, "WARN", 3),
                        "hash-2");
        index.upsert(List.of(renamed));

        assertThat(index.count()).isEqualTo(4);
        assertThat(index.payload(ORDERS.id())).contains(renamed.payload());
        assertThat(index.payload(EVENTS.id())).contains(EVENTS.payload());
        assertThat(index.payload(CUSTOMERS.id())).contains(CUSTOMERS.payload());
        assertThat(index.payload(PointIds.of("urn:li:dataset:absent"))).isEmpty();
    }

    @Test
    void denseSearchRanksByCosine() throws IOException {
        indexAll();

        List<ScoredPoint> hits = index.search(DENSE_QUERY, null, SearchFilter.NONE, 3);

        assertThat(hits)
                .extracting(ScoredPoint::id)
                .containsExactly(CUSTOMERS.id(), ORDERS.id(), EVENTS.id());
        assertScores(hits, 0.96, 0.8, 0.36);
        assertThat(hits.get(0).payload()).isEqualTo(CUSTOMERS.payload());
    }

    @Test
    void sparseSearchWeighsTermsByInverseDocumentFrequency() throws IOException {
        indexAll();
        // Term 2 is in three of four documents, term 4 in one: without IDF customers (2.0 on
        // term 2) would beat events (0.8 on term 4).
        SparseVector query = SparseVector.of(Map.of(2, 1.0f, 4, 1.0f));

        List<ScoredPoint> hits = index.search(null, query, SearchFilter.NONE, 10);

        double idfTerm2 = Math.log(1 + (4 - 3 + 0.5) / (3 + 0.5));
        double idfTerm4 = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
        assertThat(hits)
                .extracting(ScoredPoint::id)
                .containsExactly(EVENTS.id(), CUSTOMERS.id(), ORDERS.id(), RETURNS.id());
        assertThat(hits.get(0).score()).isCloseTo(0.8 * idfTerm4, within(1e-5));
        assertThat(hits.get(1).score()).isCloseTo(2.0 * idfTerm2, within(1e-5));
    }

    @Test
    void sparseSearchReturnsOnlyDocumentsSharingATerm() throws IOException {
        indexAll();

        assertThat(index.search(null, TERM_1, SearchFilter.NONE, 10))
                .extracting(ScoredPoint::id)
                .containsExactly(ORDERS.id(), EVENTS.id());
    }

    @Test
    void hybridSearchFusesBothRankingsByReciprocalRank() throws IOException {
        indexAll();

        List<ScoredPoint> hits = index.search(DENSE_QUERY, TERM_1, SearchFilter.NONE, 4);

        int k = VectorIndex.RRF_K;
        assertThat(hits)
                .extracting(ScoredPoint::id)
                .containsExactly(ORDERS.id(), EVENTS.id(), CUSTOMERS.id(), RETURNS.id());
        assertScores(
                hits,
                1.0 / (k + 2) + 1.0 / (k + 1),
                1.0 / (k + 3) + 1.0 / (k + 2),
                1.0 / (k + 1),
                1.0 / (k + 4));
        assertThat(index.search(DENSE_QUERY, TERM_1, SearchFilter.NONE, 2))
                .extracting(ScoredPoint::id)
                .containsExactly(ORDERS.id(), EVENTS.id());
    }

    @Test
    void filtersByPlatformDomainTeamAndTag() throws IOException {
        indexAll();

        assertThat(ids(new SearchFilter("snowflake", null, null, null, null, true)))
                .containsExactlyInAnyOrder(ORDERS.id(), CUSTOMERS.id());
        assertThat(ids(new SearchFilter(null, "urn:li:domain:sales", null, null, null, true)))
                .containsExactlyInAnyOrder(ORDERS.id(), RETURNS.id());
        assertThat(ids(new SearchFilter(null, null, "sales-eng", null, null, true)))
                .containsExactlyInAnyOrder(ORDERS.id(), EVENTS.id(), RETURNS.id());
        assertThat(ids(new SearchFilter(null, null, null, "urn:li:tag:raw", null, true)))
                .containsExactly(EVENTS.id());
        assertThat(ids(new SearchFilter("hive", null, "sales-eng", null, null, true)))
                .containsExactly(RETURNS.id());
    }

    @Test
    void minHealthLeavesOutLowerAndUnauditedDocuments() throws IOException {
        indexAll();

        assertThat(ids(new SearchFilter(null, null, null, null, 80.0, true)))
                .containsExactlyInAnyOrder(ORDERS.id(), RETURNS.id());
    }

    @Test
    void deprecatedDocumentsAreLeftOutUnlessIncluded() throws IOException {
        indexAll();

        assertThat(ids(new SearchFilter(null, null, null, null, null, false)))
                .containsExactlyInAnyOrder(ORDERS.id(), CUSTOMERS.id(), RETURNS.id());
        assertThat(ids(SearchFilter.NONE)).contains(EVENTS.id());
    }

    @Test
    void filtersApplyToBothBranchesOfAHybridSearch() throws IOException {
        indexAll();
        SearchFilter kafka = new SearchFilter("kafka", null, null, null, null, true);

        assertThat(index.search(DENSE_QUERY, TERM_1, kafka, 4))
                .extracting(ScoredPoint::id)
                .containsExactly(EVENTS.id());
        assertThat(index.search(null, TERM_1, kafka, 4))
                .extracting(ScoredPoint::id)
                .containsExactly(EVENTS.id());
    }

    @Test
    void payloadUpdateReplacesThePayloadAndKeepsTheVectors() throws IOException {
        indexAll();
        DocumentPayload old = ORDERS.payload();
        DocumentPayload updated =
                new DocumentPayload(
                        old.urn(),
                        old.name(),
                        old.platform(),
                        null,
                        List.of("finance"),
                        old.tags(),
                        old.owners(),
                        null,
                        12.5,
                        "BLOCK",
                        2,
                        old.pii(),
                        true);

        index.setPayload(ORDERS.id(), updated);

        assertThat(index.payload(ORDERS.id())).contains(updated);
        assertThat(index.count()).isEqualTo(4);
        List<ScoredPoint> dense = index.search(ORDERS.dense(), null, SearchFilter.NONE, 1);
        assertThat(dense).extracting(ScoredPoint::id).containsExactly(ORDERS.id());
        assertThat(dense.get(0).score()).isCloseTo(1.0, within(1e-5));
        assertThat(dense.get(0).payload()).isEqualTo(updated);
        assertThat(index.search(null, TERM_1, SearchFilter.NONE, 1))
                .extracting(ScoredPoint::id)
                .containsExactly(ORDERS.id());
        assertThat(ids(new SearchFilter(null, "urn:li:domain:sales", null, null, null, true)))
                .as("the cleared domain no longer matches")
                .containsExactly(RETURNS.id());
    }

    @Test
    void payloadUpdateOfAnAbsentPointIsSkipped() throws IOException {
        indexAll();
        String absent = PointIds.of("urn:li:dataset:(urn:li:dataPlatform:hive,gone,PROD)");

        index.setPayload(absent, ORDERS.payload());

        assertThat(index.payload(absent)).isEmpty();
        assertThat(index.count()).isEqualTo(4);
    }

    @Test
    void deleteRemovesThePointsAndIgnoresAbsentIds() throws IOException {
        indexAll();

        index.delete(List.of(ORDERS.id(), PointIds.of("urn:li:dataset:absent")));

        assertThat(index.count()).isEqualTo(3);
        assertThat(index.payload(ORDERS.id())).isEmpty();
        assertThat(ids(SearchFilter.NONE)).doesNotContain(ORDERS.id()).hasSize(3);
        assertThat(index.search(null, TERM_1, SearchFilter.NONE, 10))
                .extracting(ScoredPoint::id)
                .containsExactly(EVENTS.id());
    }

    @Test
    void emptyBatchesChangeNothing() throws IOException {
        indexAll();

        index.upsert(List.of());
        index.delete(List.of());

        assertThat(index.count()).isEqualTo(4);
    }

    /** Scores are compared to six decimals: Qdrant answers them as 32-bit floats. */
    protected static void assertScores(List<ScoredPoint> hits, double... expected) {
        assertThat(hits).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(hits.get(i).score())
                    .as("score of hit %d", i)
                    .isCloseTo(expected[i], within(1e-6));
        }
    }

    protected void indexAll() throws IOException {
        index.create(DIMENSION);
        index.upsert(List.of(ORDERS, CUSTOMERS, EVENTS, RETURNS));
    }

    /** Every document meeting {@code filter}, by dense search. */
    protected List<String> ids(SearchFilter filter) throws IOException {
        return index.search(DENSE_QUERY, null, filter, 10).stream().map(ScoredPoint::id).toList();
    }

    protected static IndexedDocument document(
            String urn,
            String name,
            String platform,
            String domain,
            List<String> teams,
            List<String> tags,
            Double health,
            boolean deprecated,
            float[] dense,
            Map<Integer, Float> sparse) {
        DocumentPayload payload =
                new DocumentPayload(
                        urn,
                        name,
                        platform,
                        domain,
                        teams,
                        tags,
                        List.of("urn:li:corpuser:" + teams.get(0) + "-lead"),
                        "The " + name + " table",
                        health,
                        health == null ? null : "PASS",
                        0,
                        tags.contains("urn:li:tag:pii"),
                        deprecated);
        return new IndexedDocument(
                PointIds.of(urn), dense, SparseVector.of(sparse), payload, "hash-of-" + name);
    }
}
