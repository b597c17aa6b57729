package io.dataspoke.quality.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.IncidentState;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.lineage.LineageUpdate;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IncidentCorrelatorFunction} in a keyed harness: inputs wait for the watermark and are
 * applied in event-time order, the buffer empties behind it, and open incidents survive a restore.
 */
class IncidentCorrelatorFunctionTest {

    private static final long M = 60_000L;
    private static final long H = 60 * M;
    private static final long T0 = 1_700_000_000_000L;

    /** The function's buffer, read back to see what is still waiting. */
    private static final MapStateDescriptor<Long, List<CorrelatorInput>> PENDING =
            new MapStateDescriptor<>(
                    "pending", Types.LONG, Types.LIST(TypeInformation.of(CorrelatorInput.class)));

    private static final String SRC = urn("growth.sessions");
    private static final String STG = urn("staging.stg_sessions");
    private static final String MART = urn("marts.fct_sessions");

    private KeyedOneInputStreamOperatorTestHarness<String, CorrelatorInput, Incident> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aDownstreamFailureReadBeforeItsUpstreamCauseIsGroupedUnderTheUpstreamRoot()
            throws Exception {
        process(CorrelatorInput.of(LineageUpdate.of(STG, List.of(SRC), LineageUpdate.RUN, T0)));
        process(CorrelatorInput.of(LineageUpdate.of(MART, List.of(STG), LineageUpdate.RUN, T0)));
        // The downstream partitions were read first.
        process(CorrelatorInput.of(event(MART, T0 + 9 * M, QualityEventKind.CHECK, Outcome.FAIL)));
        process(CorrelatorInput.of(event(STG, T0 + 5 * M, QualityEventKind.RUN, Outcome.FAIL)));
        process(CorrelatorInput.of(event(SRC, T0, QualityEventKind.SCHEMA, Outcome.FAIL)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(pendingInstants()).isEqualTo(3);
        assertThat(harness.numEventTimeTimers()).isEqualTo(3);

        harness.processWatermark(T0 + 9 * M);

        List<Incident> out = harness.extractOutputValues();
        assertThat(out).extracting(Incident::id).containsOnly(out.get(0).id());
        assertThat(out).extracting(Incident::revision).containsExactly(1, 2, 3);
        Incident last = out.get(out.size() - 1);
        assertThat(last.rootUrn()).isEqualTo(SRC);
        assertThat(last.cause()).isEqualTo("schema-change");
        assertThat(last.state()).isEqualTo(IncidentState.OPEN);
        assertThat(last.affected())
                .extracting(AffectedDataset::urn, AffectedDataset::hops)
                .containsExactly(tuple(SRC, 0), tuple(STG, 1), tuple(MART, 2));

        assertThat(pendingInstants()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void inputsWaitForTheWatermarkAndLeaveNoBufferBehindIt() throws Exception {
        process(CorrelatorInput.of(event(SRC, T0, QualityEventKind.CHECK, Outcome.FAIL)));
        process(CorrelatorInput.of(event(SRC, T0 + 10 * M, QualityEventKind.CHECK, Outcome.PASS)));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(T0 + 10 * M - 1);
        assertThat(harness.extractOutputValues())
                .extracting(Incident::state)
                .containsExactly(IncidentState.OPEN);
        assertThat(pendingInstants()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + 10 * M);
        assertThat(harness.extractOutputValues())
                .extracting(Incident::state, Incident::resolvedMillis)
                .containsExactly(
                        tuple(IncidentState.OPEN, null),
                        tuple(IncidentState.RESOLVED, T0 + 10 * M));
        assertThat(pendingInstants()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        // Only the book is left (the resolved incident, kept for the reopen window).
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void anInputBehindTheWatermarkIsAppliedAtOnce() throws Exception {
        harness.processWatermark(T0 + H);
        process(CorrelatorInput.of(event(SRC, T0, QualityEventKind.CHECK, Outcome.FAIL)));

        assertThat(harness.extractOutputValues())
                .extracting(Incident::rootUrn, Incident::state)
                .containsExactly(tuple(SRC, IncidentState.OPEN));
        assertThat(pendingInstants()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void openIncidentsLineageAndBufferedInputsSurviveARestore() throws Exception {
        process(CorrelatorInput.of(LineageUpdate.of(STG, List.of(SRC), LineageUpdate.RUN, T0)));
        process(CorrelatorInput.of(event(SRC, T0, QualityEventKind.CHECK, Outcome.FAIL)));
        harness.processWatermark(T0);
        Incident opened = harness.extractOutputValues().get(0);
        assertThat(opened.state()).isEqualTo(IncidentState.OPEN);
        // Read before the checkpoint, applied after the restore.
        process(CorrelatorInput.of(event(STG, T0 + 5 * M, QualityEventKind.CHECK, Outcome.FAIL)));

        OperatorSubtaskState snapshot = harness.snapshot(1L, T0 + M);
        harness.close();
        harness = harness();
        harness.initializeState(snapshot);
        harness.open();

        harness.processWatermark(T0 + 5 * M);
        process(CorrelatorInput.of(event(SRC, T0 + 20 * M, QualityEventKind.CHECK, Outcome.PASS)));
        process(CorrelatorInput.of(event(STG, T0 + 30 * M, QualityEventKind.CHECK, Outcome.PASS)));
        harness.processWatermark(T0 + 30 * M);

        List<Incident> out = harness.extractOutputValues();
        assertThat(out).extracting(Incident::id).containsOnly(opened.id());
        assertThat(out)
                .extracting(Incident::revision, Incident::state)
                .containsExactly(
                        tuple(2, IncidentState.OPEN),
                        tuple(3, IncidentState.OPEN),
                        tuple(4, IncidentState.RESOLVED));
        assertThat(out.get(0).affected())
                .extracting(AffectedDataset::urn, AffectedDataset::hops)
                .containsExactly(tuple(SRC, 0), tuple(STG, 1));
        assertThat(out.get(2).resolvedMillis()).isEqualTo(T0 + 30 * M);
        assertThat(pendingInstants()).isZero();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CorrelatorInput, Incident>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new IncidentCorrelatorFunction(
                                new ContractSet(List.of()), 5, Duration.ofHours(1))),
                input -> IncidentCorrelatorFunction.KEY,
                Types.STRING);
    }

    private void process(CorrelatorInput input) throws Exception {
        harness.processElement(new StreamRecord<>(input, input.eventMillis()));
    }

    /** Event times with inputs still waiting for the watermark. */
    private int pendingInstants() throws Exception {
        harness.getOperator().setCurrentKey(IncidentCorrelatorFunction.KEY);
        int instants = 0;
        for (Long ignored :
                harness.getOperator().getKeyedStateStore().getMapState(PENDING).keys()) {
            instants++;
        }
        return instants;
    }

    private static QualityEvent event(
            String urn, long millis, QualityEventKind kind, Outcome outcome) {
        String name =
                switch (kind) {
                    case RUN -> "dbt.stg_sessions";
                    case SCHEMA -> "session_id";
                    default -> "row_count";
                };
        return new QualityEvent(
                urn,
                millis,
                kind,
                name,
                outcome,
                kind == QualityEventKind.CHECK ? "row_count" : null,
                kind == QualityEventKind.SCHEMA ? "session_id" : null,
                name + " " + outcome,
                null,
                null);
    }

    private static String urn(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:snowflake," + name + ",PROD)";
    }
}
