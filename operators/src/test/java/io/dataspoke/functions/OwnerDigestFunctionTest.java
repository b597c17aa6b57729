package io.dataspoke.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.health.HealthReport;
import io.dataspoke.health.OwnedReport;
import io.dataspoke.health.OwnerDigest;
import io.dataspoke.health.Violation;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Owner fan-out and the digest's period timers, driven by explicit processing time. */
class OwnerDigestFunctionTest {

    private static final String ANA = "urn:li:corpuser:ana";
    private static final String BO = "urn:li:corpuser:bo";
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static HealthReport report(String table, int score, String... owners) {
        Violation[] violations =
                score == 100
                        ? new Violation[0]
                        : new Violation[] {
                            new Violation("description", "description", "Add one.", 1.0)
                        };
        return new HealthReport(
                "urn:li:dataset:(urn:li:dataPlatform:hive," + table + ",PROD)",
                "hive",
                table,
                score,
                violations,
                owners,
                null,
                false,
                false,
                0);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, OwnedReport, OwnerDigest>
            digests() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new OwnerDigestFunction(Duration.ofDays(1), 10), OwnedReport::owner, Types.STRING);
    }

    @Test
    void oneDigestPerPeriodWithTheDatasetsThatNeedWorkWorstFirst() throws Exception {
        try (var h = digests()) {
            h.setProcessingTime(DAY / 2);
            h.processElement(new OwnedReport(ANA, true, report("orders", 75, ANA)), 0);
            h.processElement(new OwnedReport(ANA, true, report("clean", 100, ANA)), 0);
            h.processElement(new OwnedReport(ANA, true, report("events", 40, ANA)), 0);
            assertThat(h.extractOutputValues()).isEmpty();

            h.setProcessingTime(DAY);
            List<OwnerDigest> out = h.extractOutputValues();
            assertThat(out)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.owner()).isEqualTo(ANA);
                                assertThat(d.periodEndMillis()).isEqualTo(DAY);
                                assertThat(d.key())
                                        .isEqualTo("owner-digest/" + ANA + "/1970-01-02T00:00:00Z");
                                assertThat(d.entries())
                                        .extracting(OwnerDigest.Entry::name)
                                        .containsExactly("events", "orders");
                            });

            // Next period: orders lost points since the last digest; it comes first among equals.
            h.processElement(new OwnedReport(ANA, true, report("orders", 40, ANA)), 0);
            h.setProcessingTime(2 * DAY);
            OwnerDigest second = h.extractOutputValues().get(1);
            assertThat(second.entries())
                    .extracting(OwnerDigest.Entry::name)
                    .containsExactly("orders", "events");
            assertThat(second.entries()[0].previousScore()).isEqualTo(75);
            assertThat(second.entries()[0].drop()).isEqualTo(35);
        }
    }

    @Test
    void anOwnerWithNothingToFixGetsNoDigest() throws Exception {
        try (var h = digests()) {
            h.processElement(new OwnedReport(ANA, true, report("clean", 100, ANA)), 0);
            h.setProcessingTime(3 * DAY);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aDatasetTheOwnerNoLongerOwnsLeavesTheDigest() throws Exception {
        try (var h = digests()) {
            h.processElement(new OwnedReport(ANA, true, report("orders", 50, ANA)), 0);
            h.processElement(new OwnedReport(ANA, false, report("orders", 50, BO)), 0);
            h.setProcessingTime(2 * DAY);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aRestoredOwnerIsNotSentTheSamePeriodTwice() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = digests()) {
            h.processElement(new OwnedReport(ANA, true, report("orders", 50, ANA)), 0);
            h.setProcessingTime(DAY);
            assertThat(h.extractOutputValues()).hasSize(1);
            snapshot = h.snapshot(1, DAY);
        }
        try (var restored =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new OwnerDigestFunction(Duration.ofDays(1), 10)),
                        OwnedReport::owner,
                        Types.STRING)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(DAY);
            assertThat(restored.extractOutputValues()).isEmpty();
            restored.setProcessingTime(2 * DAY);
            assertThat(restored.extractOutputValues())
                    .singleElement()
                    .satisfies(d -> assertThat(d.periodEndMillis()).isEqualTo(2 * DAY));
        }
    }

    @Test
    void fanOutTellsARemovedOwnerToDropTheDataset() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new OwnerFanOutFunction(), (HealthReport r) -> r.urn(), Types.STRING)) {
            h.processElement(report("orders", 50, ANA, BO), 0);
            h.processElement(report("orders", 50, BO), 1);
            HealthReport deleted = HealthReport.hardDeleted(report("orders", 50).urn(), 2);
            h.processElement(deleted, 2);
            assertThat(h.extractOutputValues())
                    .extracting(r -> r.owner() + ":" + r.owned())
                    .containsExactlyInAnyOrder(
                            ANA + ":true",
                            BO + ":true",
                            BO + ":true",
                            ANA + ":false",
                            BO + ":false");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
