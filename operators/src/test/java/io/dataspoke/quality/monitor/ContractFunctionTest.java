package io.dataspoke.quality.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataspoke.event.SchemaColumn;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.ColumnProfile;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Signal;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.contract.Contracts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContractFunction} in a keyed harness: freshness deadlines driven by explicit watermarks
 * and processing time, metric and schema checks, run transitions, and deletion down to empty state.
 */
class ContractFunctionTest {

    private static final long M = 60_000L;
    private static final long H = 60 * M;
    private static final long GRACE = 10 * M;

    /** A load in November 2023; the history the tests replay starts here. */
    private static final long T0 = 1_700_000_000_000L;

    /** The wall clock of a replay: a month after the history. */
    private static final long REPLAY_NOW = T0 + 30 * 24 * H;

    private static final String FRESH = urn("analytics.payments.fct_txn_dly");
    private static final String METRICS = urn("analytics.payments.fct_refund_dly");
    private static final String SCHEMA = urn("analytics.payments.dim_customer");
    private static final String DELETED = urn("analytics.payments.fct_fee_dly");
    private static final String UNCOVERED = urn("growth.sessions");

    private static final String JOB = "airflow.load_fct_txn_dly";

    @TempDir Path dir;

    private KeyedOneInputStreamOperatorTestHarness<String, Observation, CheckResult> harness;

    @BeforeEach
    void open() throws Exception {
        write(
                "fresh.yaml",
                """
                dataset: analytics.payments.fct_txn_dly
                slo:
                  freshness: "< 2 hours"
                """);
        write(
                "metrics.yaml",
                """
                dataset: analytics.payments.fct_refund_dly
                slo:
                  completeness: "> 99.5%"
                checks:
                  - row_count > 0
                """);
        write(
                "schema.yaml",
                """
                checks for analytics.payments.dim_customer:
                  - schema
                """);
        write(
                "deleted.yaml",
                """
                dataset: analytics.payments.fct_fee_dly
                slo:
                  freshness: "< 2 hours"
                checks:
                  - row_count > 0
                  - schema
                """);
        ContractSet contracts = Contracts.load(dir);
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ContractFunction(contracts, Duration.ofMillis(GRACE)),
                        Observation::datasetUrn,
                        Types.STRING);
        harness.setProcessingTime(REPLAY_NOW);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    // ---- freshness on event time

    @Test
    void aMissedDeadlineFailsOnceOnTheWatermarkAndTheNextLoadPasses() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        assertThat(freshness())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
                            assertThat(r.message()).contains("first load seen");
                        });
        assertThat(events()).isEmpty();

        harness.processWatermark(T0 + 2 * H - 1);
        assertThat(freshness()).hasSize(1);

        harness.processWatermark(T0 + 2 * H);
        CheckResult missed = freshness().get(1);
        assertThat(missed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(missed.signal()).isEqualTo("timer");
        assertThat(missed.evaluatedMillis()).isEqualTo(T0 + 2 * H);
        assertThat(missed.observed()).isEqualTo(2.0);
        assertThat(events())
                .extracting(
                        QualityEvent::kind,
                        QualityEvent::name,
                        QualityEvent::outcome,
                        QualityEvent::checkType,
                        QualityEvent::eventMillis)
                .containsExactly(
                        tuple(
                                QualityEventKind.CHECK,
                                "freshness",
                                Outcome.FAIL,
                                "freshness",
                                T0 + 2 * H));

        harness.processWatermark(T0 + 5 * H);
        assertThat(freshness()).hasSize(2);
        assertThat(events()).hasSize(1);

        process(load(FRESH, Signal.OPERATION, T0 + 5 * H + 30 * M));
        assertThat(freshness())
                .extracting(CheckResult::outcome, CheckResult::signal)
                .containsExactly(
                        tuple(Outcome.PASS, "OPERATION"),
                        tuple(Outcome.FAIL, "timer"),
                        tuple(Outcome.PASS, "OPERATION"));
        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(
                        tuple(Outcome.FAIL, T0 + 2 * H), tuple(Outcome.PASS, T0 + 5 * H + 30 * M));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aLoadInTimeCancelsTheDeadlineOfTheLoadBefore() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        process(load(FRESH, Signal.OPERATION, T0 + H));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + 2 * H + 30 * M);
        assertThat(freshness()).extracting(CheckResult::outcome).containsOnly(Outcome.PASS);
        assertThat(events()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // The deadline that is left is the second load's.
        harness.processWatermark(T0 + 3 * H);
        assertThat(freshness())
                .last()
                .extracting(CheckResult::outcome, CheckResult::evaluatedMillis)
                .containsExactly(Outcome.FAIL, T0 + 3 * H);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anOlderLoadProcessedAfterANewerOneRaisesNoFalseFailure() throws Exception {
        // The run's partition was read before the operation's.
        process(load(FRESH, Signal.RUN, T0 + H));
        process(load(FRESH, Signal.OPERATION, T0));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        // Only the newest load reports freshness.
        assertThat(freshness()).hasSize(1);

        harness.processWatermark(T0 + 2 * H + 30 * M);
        assertThat(freshness()).extracting(CheckResult::outcome).containsOnly(Outcome.PASS);
        assertThat(events()).isEmpty();

        harness.processWatermark(T0 + 3 * H);
        assertThat(freshness())
                .last()
                .extracting(CheckResult::outcome, CheckResult::evaluatedMillis)
                .containsExactly(Outcome.FAIL, T0 + 3 * H);
    }

    @Test
    void aLateLoadAheadOfTheWatermarkFailsAtTheDeadlineThenPassesAtTheLoad() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        harness.processWatermark(T0 + H);
        process(load(FRESH, Signal.OPERATION, T0 + 3 * H));
        // Both deadlines are live: the first was missed, the second is the new load's.
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        assertThat(events()).isEmpty();

        harness.processWatermark(T0 + 2 * H);
        assertThat(freshness())
                .extracting(CheckResult::outcome, CheckResult::evaluatedMillis)
                .containsExactly(
                        tuple(Outcome.PASS, T0),
                        tuple(Outcome.PASS, T0 + 3 * H),
                        tuple(Outcome.FAIL, T0 + 2 * H),
                        tuple(Outcome.PASS, T0 + 3 * H));
        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(tuple(Outcome.FAIL, T0 + 2 * H), tuple(Outcome.PASS, T0 + 3 * H));

        harness.processWatermark(T0 + 5 * H);
        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(
                        tuple(Outcome.FAIL, T0 + 2 * H),
                        tuple(Outcome.PASS, T0 + 3 * H),
                        tuple(Outcome.FAIL, T0 + 5 * H));
    }

    @Test
    void aLoadReadFarAheadOfTheWatermarkStillLetsTheMissedDeadlineFail() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        harness.processWatermark(T0 + H);
        // The operations partition runs five hours ahead of the slowest partition.
        process(load(FRESH, Signal.OPERATION, T0 + 6 * H));

        harness.processWatermark(T0 + 2 * H);
        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(tuple(Outcome.FAIL, T0 + 2 * H), tuple(Outcome.PASS, T0 + 6 * H));
    }

    @Test
    void oneLoadReportedByOperationRunAndQueryLogIsOneLoad() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        process(load(FRESH, Signal.RUN, T0 + 20_000));
        process(load(FRESH, Signal.QUERY_LOG, T0 + 45_000));

        assertThat(freshness())
                .singleElement()
                .extracting(CheckResult::signal)
                .isEqualTo("OPERATION");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(T0 + 2 * H);
        assertThat(freshness())
                .last()
                .extracting(CheckResult::outcome, CheckResult::observed)
                .containsExactly(Outcome.FAIL, 2.0);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputJudgesNoDeadline() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(freshness()).extracting(CheckResult::outcome).containsExactly(Outcome.PASS);
        assertThat(events()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    // ---- freshness on processing time

    @Test
    void withTheWatermarkStuckTheFallbackReportsALiveMissAfterTheGrace() throws Exception {
        harness.setProcessingTime(T0 + M);
        process(load(FRESH, Signal.OPERATION, T0));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(T0 + 2 * H + GRACE - 1);
        assertThat(freshness()).hasSize(1);

        harness.setProcessingTime(T0 + 2 * H + GRACE);
        assertThat(freshness())
                .last()
                .satisfies(
                        r -> {
                            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
                            assertThat(r.signal()).isEqualTo("processing");
                            assertThat(r.evaluatedMillis()).isEqualTo(T0 + 2 * H);
                        });
        assertThat(events())
                .extracting(QualityEvent::kind, QualityEvent::outcome)
                .containsExactly(tuple(QualityEventKind.CHECK, Outcome.FAIL));
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // The watermark catching up later does not report the same miss again.
        harness.processWatermark(T0 + 2 * H);
        assertThat(freshness()).hasSize(2);
        assertThat(events()).hasSize(1);
    }

    @Test
    void aMissTheFallbackReportedIsNotReportedAgainWhenTheNextLoadWakesTheWatermark()
            throws Exception {
        harness.setProcessingTime(T0 + M);
        process(load(FRESH, Signal.OPERATION, T0));
        harness.setProcessingTime(T0 + 2 * H + GRACE);
        // The source wakes up: its next load arrives, then the watermark moves past it.
        harness.setProcessingTime(T0 + 3 * H + M);
        process(load(FRESH, Signal.OPERATION, T0 + 3 * H));
        harness.processWatermark(T0 + 3 * H);

        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(tuple(Outcome.FAIL, T0 + 2 * H), tuple(Outcome.PASS, T0 + 3 * H));
        assertThat(freshness())
                .extracting(CheckResult::outcome, CheckResult::signal)
                .containsExactly(
                        tuple(Outcome.PASS, "OPERATION"),
                        tuple(Outcome.FAIL, "processing"),
                        tuple(Outcome.PASS, "OPERATION"));
    }

    @Test
    void anOlderLoadArrivingLateKeepsTheFallbackOfTheNewestLoad() throws Exception {
        harness.setProcessingTime(T0 + 3 * H + M);
        process(load(FRESH, Signal.OPERATION, T0 + 3 * H));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        // A lagging query-log partition delivers a load from three hours ago.
        process(load(FRESH, Signal.QUERY_LOG, T0));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(T0 + 5 * H + GRACE);
        assertThat(freshness())
                .last()
                .extracting(CheckResult::outcome, CheckResult::signal, CheckResult::evaluatedMillis)
                .containsExactly(Outcome.FAIL, "processing", T0 + 5 * H);
    }

    @Test
    void replayedHistorySetsNoProcessingTimeFallback() throws Exception {
        process(load(FRESH, Signal.OPERATION, T0));
        process(load(FRESH, Signal.OPERATION, T0 + 3 * H));

        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    }

    // ---- metric checks

    @Test
    void metricChecksAreEvaluatedOnProfilesAndNoDataNeverTurnsACheck() throws Exception {
        process(profile(METRICS, T0, 0L, nulls("id", 0.0), nulls("email", 0.01)));
        assertThat(results(METRICS))
                .extracting(CheckResult::checkId, CheckResult::outcome, CheckResult::observed)
                .containsExactlyInAnyOrder(
                        tuple("row_count", Outcome.FAIL, 0.0),
                        tuple("completeness", Outcome.FAIL, 99.0));
        assertThat(events())
                .extracting(QualityEvent::kind, QualityEvent::name, QualityEvent::outcome)
                .containsExactlyInAnyOrder(
                        tuple(QualityEventKind.CHECK, "row_count", Outcome.FAIL),
                        tuple(QualityEventKind.CHECK, "completeness", Outcome.FAIL));

        // A profile without a row count or column statistics says nothing either way.
        process(profile(METRICS, T0 + H, null));
        assertThat(results(METRICS).subList(2, 4))
                .extracting(CheckResult::checkId, CheckResult::outcome, CheckResult::observed)
                .containsExactlyInAnyOrder(
                        tuple("row_count", Outcome.NO_DATA, null),
                        tuple("completeness", Outcome.NO_DATA, null));
        assertThat(results(METRICS).get(2).message()).isNotBlank();
        assertThat(events()).hasSize(2);

        // The failures were kept through NO_DATA, so the recovery is reported.
        process(profile(METRICS, T0 + 2 * H, 500L, nulls("id", 0.0), nulls("email", 0.001)));
        assertThat(results(METRICS).subList(4, 6))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASS);
        assertThat(events())
                .extracting(QualityEvent::name, QualityEvent::outcome)
                .containsExactlyInAnyOrder(
                        tuple("row_count", Outcome.FAIL),
                        tuple("completeness", Outcome.FAIL),
                        tuple("row_count", Outcome.PASS),
                        tuple("completeness", Outcome.PASS));
    }

    @Test
    void noDataOnAHealthyCheckEmitsNoEvent() throws Exception {
        process(profile(METRICS, T0, null));
        assertThat(results(METRICS))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.NO_DATA)
                .hasSize(2);
        assertThat(events()).isEmpty();
    }

    // ---- schema

    @Test
    void aRemovedColumnIsABreakingChangeEvenWithoutAContract() throws Exception {
        process(schema(UNCOVERED, T0, "id", "bigint", "email", "varchar(255)"));
        process(schema(UNCOVERED, T0 + H, "id", "bigint"));
        process(schema(UNCOVERED, T0 + 2 * H, "id", "bigint"));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(QualityEventKind.SCHEMA);
                            assertThat(e.outcome()).isEqualTo(Outcome.FAIL);
                            assertThat(e.name()).isEqualTo("email");
                            assertThat(e.column()).isEqualTo("email");
                            assertThat(e.detail()).isEqualTo("column email was removed");
                            assertThat(e.eventMillis()).isEqualTo(T0 + H);
                        });

        process(schema(UNCOVERED, T0 + 3 * H, "id", "bigint", "email", "VARCHAR"));
        assertThat(events())
                .extracting(QualityEvent::kind, QualityEvent::column, QualityEvent::outcome)
                .containsExactly(
                        tuple(QualityEventKind.SCHEMA, "email", Outcome.FAIL),
                        tuple(QualityEventKind.SCHEMA, "email", Outcome.PASS));
    }

    @Test
    void aRestoredColumnPassesTheSchemaCheckInsteadOfWarningItWasAdded() throws Exception {
        process(schema(SCHEMA, T0, "id", "bigint", "email", "varchar"));
        process(schema(SCHEMA, T0 + H, "id", "bigint"));
        process(schema(SCHEMA, T0 + 2 * H, "id", "bigint", "email", "varchar"));

        assertThat(results(SCHEMA))
                .extracting(CheckResult::checkType, CheckResult::outcome)
                .containsExactly(
                        tuple("schema", Outcome.PASS),
                        tuple("schema", Outcome.FAIL),
                        tuple("schema", Outcome.PASS));
        assertThat(results(SCHEMA).get(1).message()).contains("email");
        assertThat(events())
                .extracting(
                        QualityEvent::kind,
                        QualityEvent::name,
                        QualityEvent::outcome,
                        QualityEvent::eventMillis)
                .containsExactlyInAnyOrder(
                        tuple(QualityEventKind.CHECK, "schema", Outcome.FAIL, T0 + H),
                        tuple(QualityEventKind.SCHEMA, "email", Outcome.FAIL, T0 + H),
                        tuple(QualityEventKind.CHECK, "schema", Outcome.PASS, T0 + 2 * H),
                        tuple(QualityEventKind.SCHEMA, "email", Outcome.PASS, T0 + 2 * H));
    }

    // ---- runs

    @Test
    void runsReadOutOfOrderEndInTheStateOfTheLatestRun() throws Exception {
        // The success is read before the failure it followed: the failure is already over.
        process(run(UNCOVERED, T0 + 2 * H, "COMPLETE"));
        process(run(UNCOVERED, T0 + H, "FAIL"));
        assertThat(events()).isEmpty();

        // A failure, then a success from before it read late: still failing, until a later one.
        process(run(UNCOVERED, T0 + 4 * H, "FAIL"));
        process(run(UNCOVERED, T0 + 3 * H, "COMPLETE"));
        process(run(UNCOVERED, T0 + 5 * H, "COMPLETE"));
        assertThat(events())
                .extracting(QualityEvent::outcome, QualityEvent::eventMillis)
                .containsExactly(tuple(Outcome.FAIL, T0 + 4 * H), tuple(Outcome.PASS, T0 + 5 * H));
    }

    @Test
    void everyFailedRunIsAnEventAndOnlyTheFirstSuccessAfterThemIs() throws Exception {
        process(run(UNCOVERED, T0, "COMPLETE"));
        assertThat(events()).isEmpty();

        process(run(UNCOVERED, T0 + H, "FAIL"));
        process(run(UNCOVERED, T0 + 2 * H, "FAIL"));
        process(run(UNCOVERED, T0 + 3 * H, "COMPLETE"));
        process(run(UNCOVERED, T0 + 4 * H, "COMPLETE"));

        assertThat(events())
                .extracting(
                        QualityEvent::kind,
                        QualityEvent::name,
                        QualityEvent::outcome,
                        QualityEvent::eventMillis)
                .containsExactly(
                        tuple(QualityEventKind.RUN, JOB, Outcome.FAIL, T0 + H),
                        tuple(QualityEventKind.RUN, JOB, Outcome.FAIL, T0 + 2 * H),
                        tuple(QualityEventKind.RUN, JOB, Outcome.PASS, T0 + 3 * H));
        assertThat(events().get(0).detail()).isEqualTo("task load failed");
    }

    // ---- deletion

    @Test
    void aDeletedDatasetResolvesEverythingIgnoresLaterDeadlinesAndIsForgottenADayLater()
            throws Exception {
        harness.setProcessingTime(T0 + M);
        process(profile(DELETED, T0, 0L));
        process(schema(DELETED, T0, "id", "bigint", "fee", "decimal(12,2)"));
        process(schema(DELETED, T0 + 10 * M, "id", "bigint"));
        process(run(DELETED, T0 + 20 * M, "FAIL"));
        process(load(DELETED, Signal.OPERATION, T0 + 30 * M));
        assertThat(events())
                .extracting(QualityEvent::kind, QualityEvent::name, QualityEvent::outcome)
                .containsExactlyInAnyOrder(
                        tuple(QualityEventKind.CHECK, "row_count", Outcome.FAIL),
                        tuple(QualityEventKind.CHECK, "schema", Outcome.FAIL),
                        tuple(QualityEventKind.SCHEMA, "fee", Outcome.FAIL),
                        tuple(QualityEventKind.RUN, JOB, Outcome.FAIL));
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        harness.getSideOutput(ContractFunction.EVENTS).clear();

        long removedAt = T0 + H;
        process(removed(DELETED, removedAt));
        assertThat(events())
                .extracting(
                        QualityEvent::kind,
                        QualityEvent::name,
                        QualityEvent::outcome,
                        QualityEvent::eventMillis)
                .containsExactlyInAnyOrder(
                        tuple(QualityEventKind.CHECK, "row_count", Outcome.PASS, removedAt),
                        tuple(QualityEventKind.CHECK, "schema", Outcome.PASS, removedAt),
                        tuple(QualityEventKind.SCHEMA, "fee", Outcome.PASS, removedAt),
                        tuple(QualityEventKind.RUN, JOB, Outcome.PASS, removedAt));
        assertThat(events()).allMatch(e -> "dataset deleted".equals(e.detail()));
        assertThat(harness.numProcessingTimeTimers()).isZero();

        // A load from before the deletion, read late, does not bring the dataset back.
        process(load(DELETED, Signal.QUERY_LOG, T0 + 50 * M));
        harness.processWatermark(T0 + 3 * H);
        harness.setProcessingTime(T0 + 3 * H + GRACE);
        assertThat(results(DELETED))
                .filteredOn(r -> r.checkType().equals("freshness"))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASS);
        assertThat(events()).hasSize(4);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(removedAt + ContractFunction.TOMBSTONE_MILLIS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(events()).hasSize(4);
    }

    @Test
    void loadsFromBeforeTheDeletionReadAfterItStillCount() throws Exception {
        // The deletion travels the versioned change log and can be read before the loads that
        // preceded it; those loads happened, so the deadline of the first is not a miss.
        process(load(DELETED, Signal.OPERATION, T0));
        process(removed(DELETED, T0 + 5 * H));
        process(load(DELETED, Signal.OPERATION, T0 + H + 30 * M));
        process(load(DELETED, Signal.OPERATION, T0 + 3 * H));

        harness.processWatermark(T0 + 6 * H);
        assertThat(results(DELETED))
                .filteredOn(r -> r.checkType().equals("freshness"))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASS);
        assertThat(events()).isEmpty();
    }

    @Test
    void aLoadAfterTheDeletionBringsTheDatasetBack() throws Exception {
        process(load(DELETED, Signal.OPERATION, T0));
        process(removed(DELETED, T0 + H));
        harness.processWatermark(T0 + H + 30 * M);
        // The comeback load is read ahead of the watermark, which has not yet passed the
        // deadline the deleted dataset's last load set.
        process(load(DELETED, Signal.OPERATION, T0 + 3 * H));

        harness.processWatermark(T0 + 5 * H);
        assertThat(results(DELETED))
                .filteredOn(r -> r.checkType().equals("freshness"))
                .extracting(CheckResult::outcome, CheckResult::evaluatedMillis)
                .containsExactly(
                        tuple(Outcome.PASS, T0),
                        tuple(Outcome.PASS, T0 + 3 * H),
                        tuple(Outcome.FAIL, T0 + 5 * H));
    }

    // ---- helpers

    private void write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
    }

    private void process(Observation o) throws Exception {
        harness.processElement(new StreamRecord<>(o, o.eventMillis()));
    }

    private List<CheckResult> results(String urn) {
        return harness.extractOutputValues().stream()
                .filter(r -> r.datasetUrn().equals(urn))
                .toList();
    }

    private List<CheckResult> freshness() {
        return results(FRESH).stream().filter(r -> r.checkType().equals("freshness")).toList();
    }

    private List<QualityEvent> events() {
        Queue<StreamRecord<QualityEvent>> side = harness.getSideOutput(ContractFunction.EVENTS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static String urn(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:snowflake," + name + ",PROD)";
    }

    /** A successful load, reported when it finished. */
    private static Observation load(String urn, Signal signal, long loadedMillis) {
        String state =
                switch (signal) {
                    case RUN -> "COMPLETE";
                    case QUERY_LOG -> "SUCCEEDED";
                    default -> null;
                };
        return new Observation(
                urn,
                loadedMillis,
                signal,
                null,
                1_000L,
                loadedMillis,
                null,
                null,
                state,
                signal == Signal.RUN ? JOB : null,
                null,
                null);
    }

    private static Observation run(String urn, long millis, String state) {
        boolean ok = "COMPLETE".equals(state);
        return new Observation(
                urn,
                millis,
                Signal.RUN,
                null,
                ok ? 1_000L : null,
                ok ? millis : null,
                null,
                null,
                state,
                JOB,
                ok ? null : "task load failed",
                null);
    }

    private static Observation profile(
            String urn, long millis, Long rowCount, ColumnProfile... columns) {
        return new Observation(
                urn,
                millis,
                Signal.PROFILE,
                rowCount,
                null,
                null,
                columns.length == 0 ? null : columns,
                null,
                null,
                null,
                null,
                null);
    }

    private static ColumnProfile nulls(String name, double nullProportion) {
        return new ColumnProfile(name, null, nullProportion, null, null, null, null, null);
    }

    private static Observation schema(String urn, long millis, String... nameTypePairs) {
        SchemaColumn[] columns = new SchemaColumn[nameTypePairs.length / 2];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new SchemaColumn(nameTypePairs[2 * i], nameTypePairs[2 * i + 1]);
        }
        return new Observation(
                urn,
                millis,
                Signal.SCHEMA,
                null,
                null,
                null,
                null,
                columns,
                null,
                null,
                null,
                null);
    }

    private static Observation removed(String urn, long millis) {
        return new Observation(
                urn, millis, Signal.REMOVED, null, null, null, null, null, null, null, null, null);
    }
}
