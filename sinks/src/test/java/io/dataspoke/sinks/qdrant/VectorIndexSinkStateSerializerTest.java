package io.dataspoke.sinks.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

/** The sink's buffered changes survive a checkpoint ({@link IndexChangeStateSerializer}). */
class VectorIndexSinkStateSerializerTest {

    @Test
    void everyKindOfChangeSurvivesACheckpoint() throws Exception {
        IndexedDocument orders = VectorIndexContract.ORDERS;
        DocumentPayload long64k =
                new DocumentPayload(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,docs,PROD)",
                        "docs",
                        null,
                        null,
                        List.of(),
                        List.of("urn:li:tag:é"),
                        List.of(),
                        "é".repeat(70_000),
                        null,
                        null,
                        7,
                        true,
                        true);
        IndexChange upsert = IndexChange.upsert(orders);
        IndexChange payload = IndexChange.payload(VectorIndexContract.EVENTS.id(), long64k);
        IndexChange delete = IndexChange.delete(VectorIndexContract.RETURNS.id());
        BufferedRequestState<IndexChange> state =
                new BufferedRequestState<>(
                        List.of(
                                new RequestEntryWrapper<>(upsert, 500),
                                new RequestEntryWrapper<>(payload, 140_100),
                                new RequestEntryWrapper<>(delete, 100)));

        IndexChangeStateSerializer serializer = new IndexChangeStateSerializer();
        List<RequestEntryWrapper<IndexChange>> restored =
                serializer
                        .deserialize(serializer.getVersion(), serializer.serialize(state))
                        .getBufferedRequestEntries();

        assertThat(restored)
                .extracting(RequestEntryWrapper::getSize)
                .containsExactly(500L, 140_100L, 100L);
        IndexChange restoredUpsert = restored.get(0).getRequestEntry();
        assertThat(restoredUpsert.kind()).isEqualTo(IndexChange.Kind.UPSERT);
        assertThat(restoredUpsert.id()).isEqualTo(orders.id());
        IndexedDocument document = restoredUpsert.document();
        assertThat(document.id()).isEqualTo(orders.id());
        assertThat(document.dense()).containsExactly(orders.dense());
        assertThat(document.sparse()).isEqualTo(orders.sparse());
        assertThat(document.payload()).isEqualTo(orders.payload());
        assertThat(document.contentHash()).isEqualTo(orders.contentHash());
        // Records compare their float[] by reference, so the upsert is checked field by field.
        assertThat(restored.get(1).getRequestEntry()).isEqualTo(payload);
        assertThat(restored.get(2).getRequestEntry()).isEqualTo(delete);
    }
}
