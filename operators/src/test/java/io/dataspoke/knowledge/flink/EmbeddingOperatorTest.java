package io.dataspoke.knowledge.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.index.IndexChange;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Micro-batches: by size, by time, before a checkpoint; changes keep their order. */
class EmbeddingOperatorTest {

    private OneInputStreamOperatorTestHarness<DocumentChange, IndexChange> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new EmbeddingOperator(
                                EmbeddingModel.ALL_MINILM_L6_V2, 3, Duration.ofMillis(200)));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void aFullBatchGoesAtOnceInArrivalOrder() throws Exception {
        harness.processElement(DocumentChange.embed(document("a", "daily orders")), 1);
        harness.processElement(DocumentChange.of(IndexChange.delete("x")), 2);
        harness.processElement(DocumentChange.embed(document("b", "ad impressions")), 3);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processElement(DocumentChange.embed(document("c", "payments")), 4);

        List<IndexChange> out = harness.extractOutputValues();
        assertThat(out).extracting(IndexChange::id).containsExactly("a", "x", "b", "c");
        IndexChange a = out.get(0);
        assertThat(a.document().dense()).hasSize(384);
        double norm = 0;
        for (float x : a.document().dense()) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(a.document().sparse().weight(LexicalEncoder.id("order"))).isPositive();
        assertThat(a.document().contentHash())
                .isEqualTo(document("a", "daily orders").contentHash());
    }

    @Test
    void aPartialBatchGoesAfterTheWaitOrBeforeACheckpoint() throws Exception {
        harness.processElement(DocumentChange.embed(document("a", "daily orders")), 1);
        harness.setProcessingTime(199);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(200);
        assertThat(harness.extractOutputValues()).extracting(IndexChange::id).containsExactly("a");

        harness.processElement(DocumentChange.of(IndexChange.delete("b")), 2);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(harness.extractOutputValues())
                .extracting(IndexChange::id)
                .containsExactly("a", "b");
    }

    private static SearchDocument document(String id, String text) {
        return new SearchDocument(
                id,
                text,
                List.of(new LexicalEncoder.Field(text, 1f)),
                new DocumentPayload(
                        "urn:" + id,
                        id,
                        "hive",
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        text,
                        null,
                        null,
                        0,
                        false,
                        false));
    }
}
