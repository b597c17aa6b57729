package io.dataspoke.quality.alert;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns an incident's revisions (keyed by incident id) into the few Slack messages an on-call
 * wants: one when it opened, an update when something material changed, and a resolve notice.
 *
 * <ul>
 *   <li><b>Opening.</b> The first revision is held until the end of the grouping window (event time
 *       {@code openedMillis + window}); later revisions replace it, so the downstream failures that
 *       join the same root cause within the window go out in the first message.
 *   <li><b>Updates.</b> After the first message, a revision with a material change (see {@link
 *       IncidentChanges}) schedules a message at the next window boundary; everything that arrives
 *       until then goes out in that one message, listing what changed since the previous one. A
 *       revision with nothing material (a new {@code updatedMillis}) sends nothing, and neither
 *       does a change that was undone before the boundary: the same content never goes out twice.
 *   <li><b>Resolve.</b> Sent at once, with what changed since the previous message; all state and
 *       timers of the incident are then cleared. An incident resolved before its first message also
 *       goes out at once, as a single message saying it opened and resolved (sequence 1): nothing
 *       more can join a resolved incident, so waiting for the window would only delay the news.
 * </ul>
 *
 * <p><b>Why a processing-time fallback.</b> Event-time timers fire only when the watermark moves,
 * and the watermark stalls exactly when sources go quiet, as failing pipelines do (idleness keeps
 * one quiet partition from holding the others back, not all of them). A live incident therefore
 * also gets a processing-time timer one window after it arrives, and whichever timer fires first
 * sends the message and deletes the other. The fallback is registered only when the revision is
 * live, its time within one window of the wall clock: a replay of old events (a backfill, a restart
 * from earliest, the demo) must be grouped by event time alone, or its messages would depend on how
 * fast the replay runs.
 *
 * <p>Revisions at or below the newest one seen are dropped, so an upstream replay after a restore
 * does not count as a change. Message sequence numbers are kept in state and restored with it, so a
 * message composed again after a restore has the same {@link IncidentAlert#dedupKey()} and the
 * Slack delivery log drops it.
 */
public class IncidentAlertFunction extends KeyedProcessFunction<String, Incident, IncidentAlert> {

    private static final long serialVersionUID = 1L;

    private final GroupingWindow window;

    /** The newest revision seen; what the next message will show. */
    private transient ValueState<Incident> latest;

    /** The revision the last message showed; null until the first message. */
    private transient ValueState<Incident> sent;

    private transient ValueState<Integer> sequence;
    private transient ValueState<Severity> peakSeverity;
    private transient ValueState<Long> eventTimer;
    private transient ValueState<Long> fallbackTimer;

    public IncidentAlertFunction(Duration groupingWindow) {
        this.window = GroupingWindow.of(groupingWindow);
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<Incident> incidentType = TypeInformation.of(Incident.class);
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", incidentType));
        sent = getRuntimeContext().getState(new ValueStateDescriptor<>("sent", incidentType));
        sequence = getRuntimeContext().getState(new ValueStateDescriptor<>("sequence", Types.INT));
        peakSeverity =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "peak-severity", TypeInformation.of(Severity.class)));
        eventTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("event-timer", Types.LONG));
        fallbackTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("fallback-timer", Types.LONG));
    }

    @Override
    public void processElement(Incident incident, Context ctx, Collector<IncidentAlert> out)
            throws Exception {
        Incident newest = latest.value();
        if (newest != null && incident.revision() <= newest.revision()) {
            return;
        }
        Incident previous = sent.value();
        if (!incident.open()) {
            String[] changes =
                    previous == null
                            ? new String[0]
                            : IncidentChanges.between(previous, incident).toArray();
            emit(incident, IncidentAlert.Kind.RESOLVED, changes, out);
            clear(ctx.timerService());
            return;
        }
        latest.update(incident);
        if (eventTimer.value() != null) {
            // A message is already due; it will show this revision.
            return;
        }
        if (previous == null) {
            schedule(
                    ctx.timerService(),
                    window.firstMessageAt(incident.openedMillis()),
                    incident.openedMillis());
        } else if (IncidentChanges.between(previous, incident).material()) {
            schedule(
                    ctx.timerService(),
                    window.nextBoundary(incident.openedMillis(), incident.updatedMillis()),
                    incident.updatedMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IncidentAlert> out)
            throws Exception {
        ValueState<Long> due =
                ctx.timeDomain() == TimeDomain.EVENT_TIME ? eventTimer : fallbackTimer;
        Long registered = due.value();
        if (registered == null || registered != timestamp) {
            return;
        }
        cancelTimers(ctx.timerService());
        Incident incident = latest.value();
        Incident previous = sent.value();
        if (previous == null) {
            emit(incident, IncidentAlert.Kind.OPENED, new String[0], out);
            return;
        }
        IncidentChanges changes = IncidentChanges.between(previous, incident);
        if (changes.material()) {
            emit(incident, IncidentAlert.Kind.UPDATED, changes.toArray(), out);
        }
    }

    private void emit(
            Incident incident,
            IncidentAlert.Kind kind,
            String[] changes,
            Collector<IncidentAlert> out)
            throws Exception {
        Integer sentSoFar = sequence.value();
        int next = sentSoFar == null ? 1 : sentSoFar + 1;
        Severity peak = peakSeverity.value();
        if (peak == null || incident.severity().atLeast(peak)) {
            peak = incident.severity();
        }
        out.collect(new IncidentAlert(incident, kind, next, changes, peak));
        sequence.update(next);
        peakSeverity.update(peak);
        sent.update(incident);
    }

    /**
     * Registers the event-time timer at {@code dueAt}, and the processing-time fallback when the
     * revision, which happened at {@code happenedAt}, is live.
     */
    private void schedule(TimerService timers, long dueAt, long happenedAt) throws Exception {
        timers.registerEventTimeTimer(dueAt);
        eventTimer.update(dueAt);
        long now = timers.currentProcessingTime();
        if (window.live(happenedAt, now)) {
            long fallbackAt = now + window.millis();
            timers.registerProcessingTimeTimer(fallbackAt);
            fallbackTimer.update(fallbackAt);
        }
    }

    private void cancelTimers(TimerService timers) throws Exception {
        Long event = eventTimer.value();
        if (event != null) {
            timers.deleteEventTimeTimer(event);
            eventTimer.clear();
        }
        Long fallback = fallbackTimer.value();
        if (fallback != null) {
            timers.deleteProcessingTimeTimer(fallback);
            fallbackTimer.clear();
        }
    }

    private void clear(TimerService timers) throws Exception {
        cancelTimers(timers);
        latest.clear();
        sent.clear();
        sequence.clear();
        peakSeverity.clear();
    }
}
