package io.dataspoke.knowledge.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.PointIds;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only what changed goes to the index: text to the embedder, payload alone as an update. */
class SearchDocumentFunctionTest {

    private static final String URN =
            "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.fct_cust_ordr,PROD)";
    private static final String DESCRIBED =
            "\"datasetProperties\":{\"description\":\"One row per order placed in the shop\"}";
    private static final String OWNED =
            "\"ownership\":{\"owners\":[{\"owner\":\"urn:li:corpuser:ana\",\"type\":\"DATAOWNER\"}]}";

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, EntitySnapshot, QualityUpdate, DocumentChange>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new SearchDocumentFunction(
                                new SearchDocuments(
                                        Map.of("urn:li:corpuser:ana", "commerce"),
                                        HealthRulesConfig.defaults().rules().pii())),
                        EntitySnapshot::urn,
                        QualityUpdate::urn,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static EntitySnapshot state(String aspects, long time) {
        return new EntitySnapshot(URN, "dataset", "{" + aspects + "}", false, time, 1, false);
    }

    @Test
    void newTextIsEmbeddedAndTheSameTextIsNot() throws Exception {
        harness.processElement1(state(DESCRIBED, 1_000), 1_000);
        harness.processElement1(state(DESCRIBED, 2_000), 2_000);
        harness.processElement1(
                state(
                        "\"datasetProperties\":{\"description\":\"Orders placed, one row each,"
                                + " masked PII\"}",
                        3_000),
                3_000);

        List<DocumentChange> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out).allSatisfy(c -> assertThat(c.toEmbed()).isNotNull());
        assertThat(out.get(0).toEmbed().id()).isEqualTo(PointIds.of(URN));
        assertThat(out.get(0).toEmbed().text())
                .startsWith("fact customer order.")
                .contains("One row per order placed in the shop");
        assertThat(out.get(1).toEmbed().text()).contains("masked PII");
    }

    @Test
    void qualityMovesThePayloadWithoutReEmbedding() throws Exception {
        // Quality heard first is merged into the first document.
        harness.processElement2(new QualityUpdate(URN, 40.0, "PASS", 0), 500);
        harness.processElement1(state(DESCRIBED + "," + OWNED, 1_000), 1_000);
        harness.processElement2(new QualityUpdate(URN, 40.0, "BLOCK", 1), 2_000);
        // The same again: nothing to do.
        harness.processElement2(new QualityUpdate(URN, 40.0, "BLOCK", 1), 3_000);

        List<DocumentChange> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).toEmbed().payload().healthScore()).isEqualTo(40.0);
        assertThat(out.get(0).toEmbed().payload().teams()).containsExactly("commerce");
        IndexChange update = out.get(1).change();
        assertThat(update.kind()).isEqualTo(IndexChange.Kind.PAYLOAD);
        assertThat(update.payload().qualityStatus()).isEqualTo("BLOCK");
        assertThat(update.payload().openIncidents()).isEqualTo(1);
        assertThat(update.payload().description())
                .isEqualTo("One row per order placed in the shop");
    }

    @Test
    void aSoftDeleteRemovesThePointAndARestoreBringsItBack() throws Exception {
        harness.processElement1(state(DESCRIBED, 1_000), 1_000);
        harness.processElement1(
                new EntitySnapshot(
                        URN,
                        "dataset",
                        "{" + DESCRIBED + ",\"status\":{\"removed\":true}}",
                        true,
                        2_000,
                        2,
                        false),
                2_000);
        harness.processElement1(state(DESCRIBED, 3_000), 3_000);
        harness.processElement1(
                new EntitySnapshot(URN, "dataset", "{}", true, 4_000, 0, true), 4_000);

        List<DocumentChange> out = harness.extractOutputValues();
        assertThat(out).hasSize(4);
        assertThat(out.get(1).change().kind()).isEqualTo(IndexChange.Kind.DELETE);
        assertThat(out.get(2).toEmbed()).as("restored: embedded again").isNotNull();
        assertThat(out.get(3).change().kind()).isEqualTo(IndexChange.Kind.DELETE);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aDeleteOfADatasetNeverIndexedSendsNothingAndOtherEntitiesAreIgnored() throws Exception {
        harness.processElement1(
                new EntitySnapshot(URN, "dataset", "{}", true, 1_000, 0, true), 1_000);
        harness.processElement1(
                new EntitySnapshot("urn:li:corpuser:ana", "corpuser", "{}", false, 1_000, 1, false),
                1_000);

        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
