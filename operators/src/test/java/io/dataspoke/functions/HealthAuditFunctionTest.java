package io.dataspoke.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.health.HealthReport;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntitySnapshot;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAuditFunctionTest {

    private static final String URN =
            "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)";
    private static final String DESCRIBED =
            "\"datasetProperties\":{\"description\":\"One row per order placed in the shop\"}";
    private static final String OWNED =
            "\"ownership\":{\"owners\":[{\"owner\":\"urn:li:corpuser:ana\",\"type\":\"DATAOWNER\"}]}";

    private KeyedOneInputStreamOperatorTestHarness<String, EntitySnapshot, HealthReport> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new HealthAuditFunction(HealthRulesConfig.defaults()),
                        EntitySnapshot::urn,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static EntitySnapshot state(String aspects, long time, long count) {
        return new EntitySnapshot(URN, "dataset", "{" + aspects + "}", false, time, count, false);
    }

    @Test
    void emitsOnlyWhenTheOutcomeChanges() throws Exception {
        harness.processElement(state(DESCRIBED, 1_000, 1), 1_000);
        // A change that does not touch documentation (e.g. new custom properties): silent.
        harness.processElement(
                state(
                        "\"datasetProperties\":{\"description\":\"One row per order placed in the"
                                + " shop\",\"customProperties\":{\"sla\":\"1h\"}}",
                        2_000,
                        2),
                2_000);
        harness.processElement(state(DESCRIBED + "," + OWNED, 3_000, 3), 3_000);

        List<HealthReport> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).score()).isLessThan(out.get(1).score());
        assertThat(List.of(out.get(0).ruleIds())).contains("ownership");
        assertThat(List.of(out.get(1).ruleIds())).doesNotContain("ownership");
        assertThat(out.get(1).owners()).containsExactly("urn:li:corpuser:ana");
        assertThat(out.get(1).evaluatedMillis()).isEqualTo(3_000);
    }

    @Test
    void softDeleteIsReportedAndHardDeleteClearsTheState() throws Exception {
        harness.processElement(state(DESCRIBED, 1_000, 1), 1_000);
        harness.processElement(
                new EntitySnapshot(
                        URN,
                        "dataset",
                        "{" + DESCRIBED + ",\"status\":{\"removed\":true}}",
                        true,
                        2_000,
                        2,
                        false),
                2_000);
        harness.processElement(
                new EntitySnapshot(URN, "dataset", "{}", true, 3_000, 0, true), 3_000);
        assertThat(harness.numKeyedStateEntries()).isZero();
        // Recreated after the hard delete: audited afresh, as a new dataset.
        harness.processElement(state(DESCRIBED, 4_000, 1), 4_000);

        List<HealthReport> out = harness.extractOutputValues();
        assertThat(out).extracting(HealthReport::removed).containsExactly(false, true, true, false);
        assertThat(out)
                .extracting(HealthReport::hardDeleted)
                .containsExactly(false, false, true, false);
        assertThat(out.get(3).score()).isEqualTo(out.get(0).score());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void aHardDeleteOfAnUnseenDatasetEmitsNothing() throws Exception {
        harness.processElement(
                new EntitySnapshot(URN, "dataset", "{}", true, 3_000, 0, true), 3_000);
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void otherEntitiesAreNotAudited() throws Exception {
        harness.processElement(
                new EntitySnapshot(
                        "urn:li:chart:(looker,1)", "chart", "{}", false, 1_000, 1, false),
                1_000);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
