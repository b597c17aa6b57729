package io.dataspoke.quality.alert;

import static io.dataspoke.quality.alert.Incidents.MINUTE;
import static io.dataspoke.quality.alert.Incidents.T0;
import static io.dataspoke.quality.alert.Incidents.dataset;
import static io.dataspoke.quality.alert.Incidents.next;
import static io.dataspoke.quality.alert.Incidents.opened;
import static io.dataspoke.quality.alert.Incidents.resolved;
import static io.dataspoke.quality.alert.Incidents.withSeverity;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.IncidentAlert.Kind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The alert function's grouping, updates and resolve, with watermarks and processing time driven
 * explicitly. A live incident is one whose time is within a window of the harness's processing
 * time; a replayed one is days older.
 */
class IncidentAlertFunctionTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final long REPLAY_NOW = T0 + Duration.ofDays(30).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, Incident, IncidentAlert> alerts()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new IncidentAlertFunction(WINDOW), Incident::id, Types.STRING);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, Incident, IncidentAlert> h, Incident i)
            throws Exception {
        h.processElement(i, i.updatedMillis());
    }

    /** Revision 1 sent as OPENED at T0 + 5 min, by event time. */
    private static Incident openAndSend(
            KeyedOneInputStreamOperatorTestHarness<String, Incident, IncidentAlert> h)
            throws Exception {
        Incident first = opened();
        send(h, first);
        h.processWatermark(T0 + 5 * MINUTE);
        assertThat(h.extractOutputValues())
                .singleElement()
                .extracting(IncidentAlert::kind)
                .isEqualTo(Kind.OPENED);
        return first;
    }

    @Test
    void revisionsWithinTheWindowGoOutAsOneOpenedMessage() throws Exception {
        try (var h = alerts()) {
            h.setProcessingTime(T0);
            Incident r1 = opened();
            Incident r2 = next(r1, T0 + MINUTE, dataset("mart.orders_daily", 1));
            Incident r3 = next(r2, T0 + 3 * MINUTE, dataset("bi.revenue", 2));
            send(h, r1);
            send(h, r2);
            send(h, r3);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.processWatermark(T0 + 5 * MINUTE - 1);
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(T0 + 5 * MINUTE);
            List<IncidentAlert> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            IncidentAlert alert = out.get(0);
            assertThat(alert.kind()).isEqualTo(Kind.OPENED);
            assertThat(alert.sequence()).isEqualTo(1);
            assertThat(alert.dedupKey()).isEqualTo("inc-7f3a:1");
            assertThat(alert.incident().revision()).isEqualTo(3);
            assertThat(alert.incident().affected()).hasSize(3);
            assertThat(alert.changes()).isEmpty();
            assertThat(alert.peakSeverity()).isEqualTo(Severity.HIGH);
            // The event-time timer fired; the processing-time fallback was deleted with it.
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();

            h.setProcessingTime(T0 + 60 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void materialChangesAfterTheFirstMessageAreCoalescedToTheNextBoundary() throws Exception {
        try (var h = alerts()) {
            Incident r1 = openAndSend(h);
            Incident r2 = next(r1, T0 + 6 * MINUTE, dataset("mart.orders_daily", 1));
            Incident r3 = withSeverity(r2, T0 + 8 * MINUTE, Severity.CRITICAL);
            Incident r4 = next(r3, T0 + 9 * MINUTE, dataset("bi.revenue", 3));
            send(h, r2);
            send(h, r3);
            send(h, r4);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processWatermark(T0 + 10 * MINUTE - 1);
            assertThat(h.extractOutputValues()).hasSize(1);

            h.processWatermark(T0 + 10 * MINUTE);
            IncidentAlert update = h.extractOutputValues().get(1);
            assertThat(update.kind()).isEqualTo(Kind.UPDATED);
            assertThat(update.sequence()).isEqualTo(2);
            assertThat(update.dedupKey()).isEqualTo("inc-7f3a:2");
            assertThat(update.incident().revision()).isEqualTo(4);
            assertThat(update.changes())
                    .containsExactly(
                            "severity HIGH → CRITICAL",
                            "mart.orders_daily joined (1 hop)",
                            "bi.revenue joined (3 hops)");
            assertThat(update.peakSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void identicalContentIsNeverSentTwice() throws Exception {
        try (var h = alerts()) {
            Incident r1 = openAndSend(h);

            // Only updatedMillis moved: nothing is scheduled.
            Incident r2 = next(r1, T0 + 6 * MINUTE);
            send(h, r2);
            assertThat(h.numEventTimeTimers()).isZero();

            // Up and back down before the boundary: the boundary finds nothing new to say.
            Incident r3 = withSeverity(r2, T0 + 7 * MINUTE, Severity.CRITICAL);
            Incident r4 = withSeverity(r3, T0 + 8 * MINUTE, Severity.HIGH);
            send(h, r3);
            send(h, r4);
            h.processWatermark(T0 + 10 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(1);

            // A replayed revision is not a change either.
            send(h, r2);
            assertThat(h.numEventTimeTimers()).isZero();

            // The next real change is message 2: no sequence number was used up.
            Incident r5 = next(r4, T0 + 12 * MINUTE, dataset("mart.orders_daily", 1));
            send(h, r5);
            h.processWatermark(T0 + 15 * MINUTE);
            List<IncidentAlert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).sequence()).isEqualTo(2);
            assertThat(out.get(1).changes()).containsExactly("mart.orders_daily joined (1 hop)");
        }
    }

    @Test
    void resolveIsSentAtOnceAndClearsAllStateAndTimers() throws Exception {
        try (var h = alerts()) {
            h.setProcessingTime(T0);
            Incident r1 = openAndSend(h);
            Incident r2 = next(r1, T0 + 6 * MINUTE, dataset("mart.orders_daily", 1));
            Incident r3 = withSeverity(r2, T0 + 7 * MINUTE, Severity.MEDIUM);
            send(h, r2);
            send(h, r3);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            Incident done = resolved(r3, T0 + 8 * MINUTE);
            send(h, done);

            List<IncidentAlert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            IncidentAlert notice = out.get(1);
            assertThat(notice.kind()).isEqualTo(Kind.RESOLVED);
            assertThat(notice.sequence()).isEqualTo(2);
            assertThat(notice.openedAndResolved()).isFalse();
            assertThat(notice.changes())
                    .containsExactly(
                            "severity HIGH → MEDIUM",
                            "raw.orders recovered",
                            "mart.orders_daily joined (1 hop, recovered since)");
            // Routed by the peak: the HIGH channel that got the alert gets the resolve.
            assertThat(notice.peakSeverity()).isEqualTo(Severity.HIGH);

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.processWatermark(T0 + 60 * MINUTE);
            h.setProcessingTime(T0 + 60 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void anIncidentResolvedBeforeItsFirstMessageIsOneMessageSentAtOnce() throws Exception {
        try (var h = alerts()) {
            h.setProcessingTime(T0);
            Incident r1 = opened();
            send(h, r1);
            send(h, next(r1, T0 + MINUTE, dataset("mart.orders_daily", 1)));
            send(
                    h,
                    resolved(
                            next(r1, T0 + MINUTE, dataset("mart.orders_daily", 1)),
                            T0 + 2 * MINUTE));
            // Revision 3 (the resolve) arrived: no watermark was needed.
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.kind()).isEqualTo(Kind.RESOLVED);
                                assertThat(a.sequence()).isEqualTo(1);
                                assertThat(a.openedAndResolved()).isTrue();
                                assertThat(a.changes()).isEmpty();
                                assertThat(a.incident().affected()).hasSize(2);
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void processingTimeFallbackSendsALiveIncidentWhenTheWatermarkIsStuck() throws Exception {
        try (var h = alerts()) {
            h.setProcessingTime(T0 + 30_000);
            Incident r1 = opened();
            Incident r2 = next(r1, T0 + MINUTE, dataset("mart.orders_daily", 1));
            send(h, r1);
            send(h, r2);
            h.processWatermark(T0);

            h.setProcessingTime(T0 + 30_000 + 5 * MINUTE - 1);
            assertThat(h.extractOutputValues()).isEmpty();

            h.setProcessingTime(T0 + 30_000 + 5 * MINUTE);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.kind()).isEqualTo(Kind.OPENED);
                                assertThat(a.incident().revision()).isEqualTo(2);
                            });
            assertThat(h.numEventTimeTimers()).as("the event-time timer was deleted").isZero();

            // The watermark catching up later sends nothing more.
            h.processWatermark(T0 + 60 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(1);

            // Updates of a live incident have the fallback too.
            h.setProcessingTime(T0 + 31 * MINUTE);
            send(h, next(r2, T0 + 31 * MINUTE, dataset("bi.revenue", 2)));
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
            h.setProcessingTime(T0 + 36 * MINUTE);
            assertThat(h.extractOutputValues().get(1).changes())
                    .containsExactly("bi.revenue joined (2 hops)");
        }
    }

    @Test
    void aReplayedOldIncidentWaitsForTheWatermarkWhateverTheWallClock() throws Exception {
        try (var h = alerts()) {
            h.setProcessingTime(REPLAY_NOW);
            Incident r1 = opened();
            send(h, r1);
            send(h, next(r1, T0 + 4 * MINUTE, dataset("mart.orders_daily", 1)));
            assertThat(h.numProcessingTimeTimers()).isZero();

            h.setProcessingTime(REPLAY_NOW + Duration.ofDays(1).toMillis());
            assertThat(h.extractOutputValues()).isEmpty();

            h.processWatermark(T0 + 5 * MINUTE);
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(a -> assertThat(a.incident().revision()).isEqualTo(2));
        }
    }

    @Test
    void aRestoredFunctionKeepsItsSequenceAndIgnoresReplayedRevisions() throws Exception {
        Incident r1 = opened();
        Incident r2 = next(r1, T0 + 2 * MINUTE, dataset("mart.orders_daily", 1));
        OperatorSubtaskState snapshot;
        try (var h = alerts()) {
            h.setProcessingTime(REPLAY_NOW);
            send(h, r1);
            send(h, r2);
            h.processWatermark(T0 + 5 * MINUTE);
            assertThat(h.extractOutputValues()).hasSize(1);
            snapshot = h.snapshot(1, REPLAY_NOW);
        }
        try (var restored =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new IncidentAlertFunction(WINDOW)),
                        Incident::id,
                        Types.STRING)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(REPLAY_NOW);
            // The source replays from its checkpointed offsets: revisions already seen.
            send(restored, r1);
            send(restored, r2);
            restored.processWatermark(T0 + 30 * MINUTE);
            assertThat(restored.extractOutputValues()).isEmpty();

            send(restored, next(r2, T0 + 31 * MINUTE, dataset("bi.revenue", 2)));
            restored.processWatermark(T0 + 35 * MINUTE);
            assertThat(restored.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.kind()).isEqualTo(Kind.UPDATED);
                                assertThat(a.dedupKey()).isEqualTo("inc-7f3a:2");
                                assertThat(a.changes())
                                        .containsExactly("bi.revenue joined (2 hops)");
                            });
        }
    }
}
