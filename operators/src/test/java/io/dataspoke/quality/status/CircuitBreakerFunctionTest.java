package io.dataspoke.quality.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Severity;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerFunctionTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, QualityEvent, IncidentNotice, DatasetStatus>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new CircuitBreakerFunction(Severity.HIGH)),
                        QualityEvent::datasetUrn,
                        IncidentNotice::datasetUrn,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aFailingCheckBlocksUntilItPassesThenTheStateIsGone() throws Exception {
        harness.processElement1(new StreamRecord<>(check(1_000, Outcome.FAIL), 1_000));
        harness.processElement1(new StreamRecord<>(check(2_000, Outcome.PASS), 2_000));

        List<DatasetStatus> out = statuses();
        assertThat(out)
                .extracting(DatasetStatus::status)
                .containsExactly(CircuitStatus.BLOCK, CircuitStatus.PASS);
        assertThat(out.get(0).reasons())
                .singleElement()
                .asString()
                .contains("row_count")
                .contains("fail");
        assertThat(out.get(0).sinceMillis()).isEqualTo(1_000);
        assertThat(out.get(1).reasons()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aFailedRunWarnsAndALowIncidentWarnsButAHighOneBlocks() throws Exception {
        harness.processElement1(new StreamRecord<>(run(1_000, Outcome.FAIL), 1_000));
        harness.processElement2(new StreamRecord<>(notice(2_000, Severity.MEDIUM, true), 2_000));
        harness.processElement2(new StreamRecord<>(notice(3_000, Severity.HIGH, true), 3_000));

        List<DatasetStatus> out = statuses();
        assertThat(out)
                .extracting(DatasetStatus::status)
                .containsExactly(CircuitStatus.WARN, CircuitStatus.WARN, CircuitStatus.BLOCK);
        // Still WARN when the second reason joined: since stays at the first.
        assertThat(out.get(1).sinceMillis()).isEqualTo(1_000);
        assertThat(out.get(2).sinceMillis()).isEqualTo(3_000);
        assertThat(out.get(2).incidentIds()).containsExactly("inc-1");
        assertThat(out.get(2).reasons()[0]).startsWith("open high incident inc-1");
    }

    @Test
    void nothingIsEmittedForHealthyDatasetsOrUnchangedVerdicts() throws Exception {
        harness.processElement1(new StreamRecord<>(check(1_000, Outcome.PASS), 1_000));
        harness.processElement1(new StreamRecord<>(run(1_500, Outcome.PASS), 1_500));
        assertThat(statuses()).isEmpty();

        harness.processElement1(new StreamRecord<>(check(2_000, Outcome.FAIL), 2_000));
        harness.processElement1(new StreamRecord<>(check(3_000, Outcome.FAIL), 3_000));
        assertThat(statuses()).hasSize(1);
    }

    @Test
    void aRecoveredDatasetInAnOpenIncidentIsPass() throws Exception {
        harness.processElement2(new StreamRecord<>(notice(1_000, Severity.HIGH, true), 1_000));
        harness.processElement2(new StreamRecord<>(notice(2_000, Severity.HIGH, false), 2_000));
        assertThat(statuses())
                .extracting(DatasetStatus::status)
                .containsExactly(CircuitStatus.BLOCK, CircuitStatus.PASS);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private List<DatasetStatus> statuses() {
        return harness.extractOutputValues();
    }

    private static QualityEvent check(long at, Outcome outcome) {
        return new QualityEvent(
                URN,
                at,
                QualityEventKind.CHECK,
                "row_count",
                outcome,
                "row_count",
                null,
                "row_count = 0 (fail when <= 0)",
                null,
                null);
    }

    private static QualityEvent run(long at, Outcome outcome) {
        return new QualityEvent(
                URN,
                at,
                QualityEventKind.RUN,
                "sales.load_orders",
                outcome,
                null,
                null,
                "expired credentials",
                null,
                null);
    }

    private static IncidentNotice notice(long at, Severity severity, boolean active) {
        return new IncidentNotice(URN, "inc-1", severity, active, "orders late", at);
    }
}
