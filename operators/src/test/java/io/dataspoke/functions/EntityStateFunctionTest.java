package io.dataspoke.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.event.MetadataChange;
import io.dataspoke.ingest.EntitySnapshot;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityStateFunctionTest {

    private static final String URN =
            "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)";

    private KeyedOneInputStreamOperatorTestHarness<String, MetadataChange, EntitySnapshot> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EntityStateFunction(), MetadataChange::entityUrn, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static MetadataChange upsert(String aspect, String json, long time) {
        return new MetadataChange(URN, "dataset", aspect, "UPSERT", json, null, time, null, false);
    }

    private static MetadataChange delete(String aspect, long time) {
        return new MetadataChange(URN, "dataset", aspect, "DELETE", null, null, time, null, false);
    }

    @Test
    void foldsAspectsIntoOneSortedDocument() throws Exception {
        harness.processElement(upsert("ownership", "{\"owners\":[]}", 1_000), 1_000);
        harness.processElement(
                upsert("datasetProperties", "{\"description\":\"d\"}", 2_000), 2_000);
        harness.processElement(
                upsert("ownership", "{\"owners\":[{\"owner\":\"u\"}]}", 3_000), 3_000);

        List<EntitySnapshot> out = harness.extractOutputValues();
        assertThat(out).hasSize(3);
        EntitySnapshot last = out.get(2);
        assertThat(last.aspectsJson())
                .isEqualTo(
                        "{\"datasetProperties\":{\"description\":\"d\"},"
                                + "\"ownership\":{\"owners\":[{\"owner\":\"u\"}]}}");
        assertThat(last.changeCount()).isEqualTo(3);
        assertThat(last.lastChangeMillis()).isEqualTo(3_000);
        assertThat(last.removed()).isFalse();
        assertThat(last.hardDeleted()).isFalse();
    }

    @Test
    void olderEventTimeDoesNotMoveLastChangeBack() throws Exception {
        harness.processElement(upsert("status", "{\"removed\":false}", 5_000), 5_000);
        harness.processElement(upsert("globalTags", "{\"tags\":[]}", 4_000), 4_000);
        assertThat(harness.extractOutputValues().get(1).lastChangeMillis()).isEqualTo(5_000);
    }

    @Test
    void statusRemovedSoftDeletesAndRestoreUndoesIt() throws Exception {
        harness.processElement(upsert("status", "{\"removed\":true}", 1), 1);
        harness.processElement(upsert("status", "{\"removed\":false}", 2), 2);
        List<EntitySnapshot> out = harness.extractOutputValues();
        assertThat(out.get(0).removed()).isTrue();
        assertThat(out.get(1).removed()).isFalse();
    }

    @Test
    void deletingAnAspectDropsItFromTheDocument() throws Exception {
        harness.processElement(upsert("globalTags", "{\"tags\":[]}", 1), 1);
        harness.processElement(upsert("status", "{\"removed\":false}", 2), 2);
        harness.processElement(delete("globalTags", 3), 3);
        assertThat(harness.extractOutputValues().get(2).aspectsJson())
                .isEqualTo("{\"status\":{\"removed\":false}}");
    }

    @Test
    void deletingTheKeyAspectClearsAllStateAndEmitsAHardDelete() throws Exception {
        harness.processElement(upsert("datasetProperties", "{\"name\":\"orders\"}", 1), 1);
        harness.processElement(upsert("ownership", "{\"owners\":[]}", 2), 2);
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

        harness.processElement(delete("datasetKey", 3), 3);

        EntitySnapshot deleted = harness.extractOutputValues().get(2);
        assertThat(deleted.hardDeleted()).isTrue();
        assertThat(deleted.urn()).isEqualTo(URN);
        assertThat(harness.numKeyedStateEntries()).isZero();

        // A re-created entity starts from nothing, not from the deleted one's aspects.
        harness.processElement(upsert("status", "{\"removed\":false}", 4), 4);
        EntitySnapshot recreated = harness.extractOutputValues().get(3);
        assertThat(recreated.aspectsJson()).isEqualTo("{\"status\":{\"removed\":false}}");
        assertThat(recreated.changeCount()).isEqualTo(1);
    }
}
