package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the sink coalesces a batch per point ({@link IndexChangeBatch}), without Flink. */
class VectorIndexSinkBatchTest {

    private static final IndexedDocument ORDERS = VectorIndexContract.ORDERS;
    private static final IndexedDocument EVENTS = VectorIndexContract.EVENTS;
    private static final DocumentPayload BLOCKED = ORDERS.payload().withQuality(5.0, "BLOCK", 1);

    @Test
    void theLastChangeOfAPointWins() {
        IndexChangeBatch batch =
                IndexChangeBatch.of(
                        List.of(
                                IndexChange.upsert(ORDERS),
                                IndexChange.upsert(EVENTS),
                                IndexChange.delete(ORDERS.id()),
                                IndexChange.payload(EVENTS.id(), BLOCKED),
                                IndexChange.delete(EVENTS.id()),
                                IndexChange.upsert(ORDERS)));

        assertThat(batch.upserts()).containsExactly(ORDERS);
        assertThat(batch.deletes()).containsExactly(EVENTS.id());
        assertThat(batch.payloads()).isEmpty();
    }

    @Test
    void aPayloadChangeAfterAnUpsertIsFoldedIntoIt() {
        IndexChangeBatch batch =
                IndexChangeBatch.of(
                        List.of(
                                IndexChange.upsert(ORDERS),
                                IndexChange.payload(ORDERS.id(), BLOCKED)));

        assertThat(batch.payloads()).isEmpty();
        IndexedDocument upsert = batch.upserts().get(0);
        assertThat(upsert.payload()).isEqualTo(BLOCKED);
        assertThat(upsert.dense()).isSameAs(ORDERS.dense());
        assertThat(upsert.sparse()).isEqualTo(ORDERS.sparse());
        assertThat(upsert.contentHash()).isEqualTo(ORDERS.contentHash());
    }

    @Test
    void aPayloadChangeAfterADeleteStaysADelete() {
        IndexChangeBatch batch =
                IndexChangeBatch.of(
                        List.of(
                                IndexChange.delete(ORDERS.id()),
                                IndexChange.payload(ORDERS.id(), BLOCKED)));

        assertThat(batch.deletes()).containsExactly(ORDERS.id());
        assertThat(batch.payloads()).isEmpty();
        assertThat(batch.upserts()).isEmpty();
    }

    @Test
    void successivePayloadChangesKeepTheLast() {
        DocumentPayload warned = ORDERS.payload().withQuality(50.0, "WARN", 0);
        IndexChangeBatch batch =
                IndexChangeBatch.of(
                        List.of(
                                IndexChange.payload(ORDERS.id(), BLOCKED),
                                IndexChange.payload(EVENTS.id(), EVENTS.payload()),
                                IndexChange.payload(ORDERS.id(), warned)));

        assertThat(batch.payloads())
                .containsExactly(
                        java.util.Map.entry(ORDERS.id(), warned),
                        java.util.Map.entry(EVENTS.id(), EVENTS.payload()));
    }
}
