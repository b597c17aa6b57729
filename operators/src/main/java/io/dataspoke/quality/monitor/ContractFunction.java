package io.dataspoke.quality.monitor;

import io.dataspoke.event.SchemaColumn;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Signal;
import io.dataspoke.quality.contract.Check;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.contract.Evaluation;
import io.dataspoke.quality.contract.FreshnessCheck;
import io.dataspoke.quality.contract.MetricCheck;
import io.dataspoke.quality.contract.SchemaCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Evaluates a dataset's contract checks on each of its observations (keyed by dataset URN) and
 * emits every {@link CheckResult}; the changes that matter downstream (a check starts or stops
 * failing, a run fails or recovers, a column disappears or comes back) go to {@link #EVENTS}.
 *
 * <p>Freshness is driven by timers, so a missed load is noticed with no event arriving: each load
 * sets event-time timers at the load time plus each freshness threshold. When the sources are idle
 * the watermark stops, so for live data (a deadline still ahead of the wall clock when the load
 * arrives) a processing-time timer at the deadline plus {@code idleGrace} is the fallback. Replayed
 * history, whose deadlines are already past on the wall clock, relies on the watermark alone.
 *
 * <p>Breaking schema changes (a column removed or its type changed, compared with the previous
 * {@code schemaMetadata}, or with the previous OpenLineage schema facet for datasets DataHub has no
 * schema of) are reported for every dataset, with or without a contract.
 */
public class ContractFunction extends KeyedProcessFunction<String, Observation, CheckResult> {

    /** Quality transitions for the incident correlator, the CEP patterns and the breaker. */
    public static final OutputTag<QualityEvent> EVENTS =
            new OutputTag<>("quality-events", TypeInformation.of(QualityEvent.class));

    private static final String TIMER = "timer";
    private static final String PROCESSING = "processing";

    /** Reports of one load by its operation, run and query log lie within this of each other. */
    static final long SAME_LOAD_MILLIS = 2 * 60_000L;

    /** How long a deleted dataset's state is kept for events still on their way. */
    static final long TOMBSTONE_MILLIS = 24 * 3_600_000L;

    private final ContractSet contracts;
    private final long idleGraceMillis;

    private transient MapState<String, Outcome> outcomes;
    private transient MapState<String, SchemaColumn[]> schemas;
    private transient MapState<String, String> brokenColumns;

    /** Job to the time of its latest failed run, while it has not succeeded since. */
    private transient MapState<String, Long> failingJobs;

    /** Job to the time of its latest successful run. */
    private transient MapState<String, Long> succeededJobs;

    private transient MapState<Long, Boolean> loads;
    private transient ValueState<Long> removedAt;
    private transient ValueState<Boolean> profiled;
    private transient ValueState<Long> fallbackTimer;

    public ContractFunction(ContractSet contracts, Duration idleGrace) {
        this.contracts = contracts;
        this.idleGraceMillis = idleGrace.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        outcomes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "outcomes",
                                        Types.STRING,
                                        TypeInformation.of(Outcome.class)));
        schemas =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "schemas",
                                        Types.STRING,
                                        TypeInformation.of(SchemaColumn[].class)));
        brokenColumns =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "broken-columns", Types.STRING, Types.STRING));
        failingJobs =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("failing-jobs", Types.STRING, Types.LONG));
        succeededJobs =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "succeeded-jobs", Types.STRING, Types.LONG));
        loads =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("loads", Types.LONG, Types.BOOLEAN));
        removedAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("removed-at", Types.LONG));
        profiled =
                getRuntimeContext().getState(new ValueStateDescriptor<>("profiled", Types.BOOLEAN));
        fallbackTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("fallback-timer", Types.LONG));
    }

    @Override
    public void processElement(Observation o, Context ctx, Collector<CheckResult> out)
            throws Exception {
        if (o.signal() == Signal.REMOVED) {
            onRemoved(o, ctx);
            return;
        }
        List<Check> checks = contracts.forDataset(o.datasetUrn());
        if (o.signal() == Signal.PROFILE) {
            profiled.update(true);
        }
        boolean isProfiled = Boolean.TRUE.equals(profiled.value());
        for (Check check : checks) {
            if (check instanceof MetricCheck metric && metric.appliesTo(o, isProfiled)) {
                record(check, metric.evaluate(o), o.signal().name(), o.eventMillis(), ctx, out);
            }
        }
        if (o.schema() != null && (o.signal() == Signal.SCHEMA || !schemas.contains("SCHEMA"))) {
            onSchema(o, checks, ctx, out);
        }
        if (o.signal() == Signal.RUN) {
            onRun(o, ctx);
        }
        if (o.loadedMillis() != null) {
            onLoad(o, checks, ctx, out);
        }
    }

    /**
     * A deleted dataset is no longer judged: its failing checks, broken columns and failed runs are
     * reported as over (so its incidents can resolve), its freshness deadlines after the deletion
     * are ignored, and a day later its state is dropped. Events of the same dataset may arrive out
     * of order across signals, so the deletion time is kept instead of clearing state at once; a
     * load after the deletion means the dataset is back.
     */
    private void onRemoved(Observation o, Context ctx) throws Exception {
        for (Map.Entry<String, Outcome> failing : outcomes.entries()) {
            emit(
                    ctx,
                    o,
                    QualityEventKind.CHECK,
                    failing.getKey(),
                    Outcome.PASS,
                    null,
                    null,
                    "dataset deleted");
        }
        for (String column : brokenColumns.keys()) {
            emit(
                    ctx,
                    o,
                    QualityEventKind.SCHEMA,
                    column,
                    Outcome.PASS,
                    null,
                    column,
                    "dataset deleted");
        }
        for (String job : failingJobs.keys()) {
            emit(ctx, o, QualityEventKind.RUN, job, Outcome.PASS, null, null, "dataset deleted");
        }
        outcomes.clear();
        brokenColumns.clear();
        failingJobs.clear();
        Long fallback = fallbackTimer.value();
        if (fallback != null) {
            ctx.timerService().deleteProcessingTimeTimer(fallback);
            fallbackTimer.clear();
        }
        removedAt.update(o.eventMillis());
        ctx.timerService().registerEventTimeTimer(o.eventMillis() + TOMBSTONE_MILLIS);
    }

    private void forget() throws Exception {
        outcomes.clear();
        schemas.clear();
        brokenColumns.clear();
        failingJobs.clear();
        succeededJobs.clear();
        loads.clear();
        profiled.clear();
        fallbackTimer.clear();
        removedAt.clear();
    }

    private void onSchema(
            Observation o, List<Check> checks, Context ctx, Collector<CheckResult> out)
            throws Exception {
        String source = o.signal().name();
        SchemaColumn[] previous = schemas.get(source);
        schemas.put(source, o.schema());
        Map<String, String> current = new LinkedHashMap<>();
        for (SchemaColumn column : o.schema()) {
            current.put(column.name(), normalize(column.type()));
        }
        if (previous != null) {
            for (SchemaColumn before : previous) {
                String now = current.get(before.name());
                String detail = null;
                if (now == null) {
                    detail = "column " + before.name() + " was removed";
                } else if (!now.equals(normalize(before.type()))) {
                    detail =
                            "column "
                                    + before.name()
                                    + " changed type from "
                                    + before.type()
                                    + " to "
                                    + now;
                }
                if (detail != null && !brokenColumns.contains(before.name())) {
                    brokenColumns.put(before.name(), normalize(before.type()));
                    emit(
                            ctx,
                            o,
                            QualityEventKind.SCHEMA,
                            before.name(),
                            Outcome.FAIL,
                            null,
                            before.name(),
                            detail);
                }
            }
        }
        List<String> repaired = new ArrayList<>();
        for (Map.Entry<String, String> broken : brokenColumns.entries()) {
            if (broken.getValue().equals(current.get(broken.getKey()))) {
                repaired.add(broken.getKey());
            }
        }
        for (String column : repaired) {
            brokenColumns.remove(column);
            emit(
                    ctx,
                    o,
                    QualityEventKind.SCHEMA,
                    column,
                    Outcome.PASS,
                    null,
                    column,
                    "column " + column + " is back");
        }
        // After the breaking-change events, which share its time: the incident a broken column
        // opens is then named after the column, and the check joins it.
        // Schema checks compare with the last schema they accepted, so a column that is removed
        // and then restored is a failure and then a pass, not a failure and then an addition.
        String acceptedKey = "accepted-" + source;
        SchemaColumn[] accepted = schemas.get(acceptedKey);
        boolean failed = false;
        for (Check check : checks) {
            if (check instanceof SchemaCheck schema) {
                Evaluation evaluation = schema.evaluate(accepted, o.schema());
                failed |= evaluation.outcome() == Outcome.FAIL;
                record(check, evaluation, source, o.eventMillis(), ctx, out);
            }
        }
        if (!failed) {
            schemas.put(acceptedKey, o.schema());
        }
    }

    private void onRun(Observation o, Context ctx) throws Exception {
        String job = o.job();
        if (job == null) {
            return;
        }
        long at = o.eventMillis();
        Long succeeded = succeededJobs.get(job);
        if (o.failedRun()) {
            if (succeeded != null && succeeded > at) {
                // A failure read after a later success of the same job: already over.
                return;
            }
            // Every failure, not only the first: the consecutive-failures pattern counts them.
            Long failed = failingJobs.get(job);
            failingJobs.put(job, failed == null ? at : Math.max(failed, at));
            emit(
                    ctx,
                    o,
                    QualityEventKind.RUN,
                    job,
                    Outcome.FAIL,
                    null,
                    null,
                    o.message() != null ? o.message() : "run " + o.runState());
        } else if ("COMPLETE".equals(o.runState())) {
            if (succeeded == null || at > succeeded) {
                succeededJobs.put(job, at);
            }
            Long failed = failingJobs.get(job);
            // A success older than the latest failure (read late) does not end it.
            if (failed != null && at > failed) {
                failingJobs.remove(job);
                emit(
                        ctx,
                        o,
                        QualityEventKind.RUN,
                        job,
                        Outcome.PASS,
                        null,
                        null,
                        "run of " + job + " succeeded");
            }
        }
    }

    private void onLoad(Observation o, List<Check> checks, Context ctx, Collector<CheckResult> out)
            throws Exception {
        long loaded = o.loadedMillis();
        Long removed = removedAt.value();
        if (removed != null && loaded <= removed) {
            // A load from before the deletion, read after it (the deletion travels another topic):
            // it still counts, so its deadline does not read as a miss. Deadlines at or after the
            // deletion are not judged (onTimer).
            if (!loads.contains(loaded)) {
                loads.put(loaded, true);
            }
            return;
        }
        if (removed != null) {
            removedAt.clear();
            // The dataset is back. Its loads from before the deletion are not judged again: the
            // deadlines they set fell while it was deleted, even when the watermark gets there
            // only after this load.
            List<Long> gone = new ArrayList<>();
            for (Long load : loads.keys()) {
                if (load <= removed) {
                    gone.add(load);
                }
            }
            for (Long load : gone) {
                loads.remove(load);
            }
        }
        Long previous = loadBefore(loaded + SAME_LOAD_MILLIS);
        Long next = loadAfter(loaded - SAME_LOAD_MILLIS);
        if ((previous != null && loaded - previous <= SAME_LOAD_MILLIS)
                || (next != null && next - loaded <= SAME_LOAD_MILLIS)) {
            // The same load reported again: operation, run and query log all say it.
            return;
        }
        List<FreshnessCheck> freshness = freshness(checks);
        TimerService timers = ctx.timerService();
        long horizon = 0;
        for (FreshnessCheck check : freshness) {
            for (long after : deadlinesOf(check)) {
                horizon = Math.max(horizon, after);
                // Loads of one dataset arrive out of order across signals, so each load cancels
                // the deadline of the load before it when it came in time, and sets its own
                // unless the next load (already seen) came in time for it.
                if (previous != null && previous + after >= loaded) {
                    timers.deleteEventTimeTimer(previous + after);
                }
                if (next == null || loaded + after < next) {
                    timers.registerEventTimeTimer(loaded + after);
                }
            }
        }
        loads.put(loaded, true);
        // A deadline still pending needs the load before it, which can be a full deadline older
        // than the newest load when that one arrived ahead of the watermark, and older still
        // when it arrived further ahead: never drop what the watermark has not passed.
        long watermark =
                Math.max(timers.currentWatermark(), Long.MIN_VALUE + horizon + SAME_LOAD_MILLIS);
        prune(Math.min(latestLoad() - 2 * horizon, watermark - horizon) - SAME_LOAD_MILLIS);
        if (next == null) {
            for (FreshnessCheck check : freshness) {
                String message =
                        previous == null
                                ? "first load seen"
                                : String.format(
                                        Locale.ROOT,
                                        "loaded %.2f h after the previous load",
                                        (loaded - previous) / 3_600_000.0);
                record(check, fresh(check, message), o.signal().name(), loaded, ctx, out);
            }
        }
        // The fallback watches the newest load: an older one read late must not replace it.
        scheduleFallback(freshness, latestLoad(), timers);
    }

    private void scheduleFallback(List<FreshnessCheck> freshness, long loaded, TimerService timers)
            throws Exception {
        Long pending = fallbackTimer.value();
        if (pending != null) {
            timers.deleteProcessingTimeTimer(pending);
            fallbackTimer.clear();
        }
        long now = timers.currentProcessingTime();
        long first = Long.MAX_VALUE;
        for (FreshnessCheck check : freshness) {
            for (long after : deadlinesOf(check)) {
                if (loaded + after > now) {
                    first = Math.min(first, loaded + after);
                }
            }
        }
        if (first != Long.MAX_VALUE) {
            fallbackTimer.update(first + idleGraceMillis);
            timers.registerProcessingTimeTimer(first + idleGraceMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CheckResult> out)
            throws Exception {
        boolean processing = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        Long removed = removedAt.value();
        if (!processing && removed != null && timestamp == removed + TOMBSTONE_MILLIS) {
            forget();
            return;
        }
        if (!processing && ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // The end of a bounded input fires every timer at once; what would have come next is
            // unknown, so no deadline is judged.
            return;
        }
        long at = processing ? timestamp - idleGraceMillis : timestamp;
        if (processing) {
            fallbackTimer.clear();
        }
        if (removed != null && at >= removed) {
            return;
        }
        if (processing) {
            // The fallback judged this deadline; when the watermark reaches it after the next
            // load has passed the check again, the same miss must not be reported a second time.
            ctx.timerService().deleteEventTimeTimer(at);
        }
        Long before = loadBefore(at);
        Long after = loadAfter(at);
        if (before == null) {
            return;
        }
        List<FreshnessCheck> freshness = freshness(contracts.forDataset(ctx.getCurrentKey()));
        for (FreshnessCheck check : freshness) {
            Evaluation evaluation = check.evaluateAge(at - before);
            // A deadline passes once; the fallback and the watermark must not both report it.
            if (evaluation.outcome() != Outcome.PASS
                    && evaluation.outcome() != outcomes.get(check.id())) {
                record(check, evaluation, processing ? PROCESSING : TIMER, at, ctx, out);
                if (after != null) {
                    // The load that ends the miss was already seen (ahead of the watermark).
                    record(check, fresh(check, "the late load arrived"), TIMER, after, ctx, out);
                }
            }
        }
        if (processing) {
            scheduleFallback(freshness, latestLoad(), ctx.timerService());
        }
    }

    private static Evaluation fresh(FreshnessCheck check, String message) {
        Evaluation fresh = check.evaluateAge(0);
        return new Evaluation(fresh.outcome(), 0.0, check.metric() + " met: " + message);
    }

    private Long latestLoad() throws Exception {
        Long latest = null;
        for (Long load : loads.keys()) {
            latest = latest == null ? load : Math.max(latest, load);
        }
        return latest;
    }

    /** The last load at or before {@code millis}, null when none is kept. */
    private Long loadBefore(long millis) throws Exception {
        Long best = null;
        for (Long load : loads.keys()) {
            if (load <= millis && (best == null || load > best)) {
                best = load;
            }
        }
        return best;
    }

    /** The first load after {@code millis}, null when none was seen. */
    private Long loadAfter(long millis) throws Exception {
        Long best = null;
        for (Long load : loads.keys()) {
            if (load > millis && (best == null || load < best)) {
                best = load;
            }
        }
        return best;
    }

    /** Drops loads older than {@code oldest}, always keeping the latest. */
    private void prune(long oldest) throws Exception {
        Long latest = latestLoad();
        List<Long> old = new ArrayList<>();
        for (Long load : loads.keys()) {
            if (load < oldest && !load.equals(latest)) {
                old.add(load);
            }
        }
        for (Long load : old) {
            loads.remove(load);
        }
    }

    private void record(
            Check check,
            Evaluation evaluation,
            String signal,
            long millis,
            Context ctx,
            Collector<CheckResult> out)
            throws Exception {
        String urn = ctx.getCurrentKey();
        out.collect(
                new CheckResult(
                        urn,
                        check.id(),
                        check.displayName(),
                        check.type().label(),
                        check.contractFile(),
                        millis,
                        evaluation.outcome(),
                        evaluation.observed(),
                        signal,
                        evaluation.message()));
        Outcome outcome = evaluation.outcome();
        if (outcome == Outcome.NO_DATA) {
            return;
        }
        Outcome before = outcomes.get(check.id());
        if (outcome == before || (before == null && outcome == Outcome.PASS)) {
            return;
        }
        if (outcome == Outcome.PASS) {
            outcomes.remove(check.id());
        } else {
            outcomes.put(check.id(), outcome);
        }
        ctx.output(
                EVENTS,
                new QualityEvent(
                        urn,
                        millis,
                        QualityEventKind.CHECK,
                        check.id(),
                        outcome,
                        check.type().label(),
                        check instanceof MetricCheck m ? m.column() : null,
                        evaluation.message(),
                        null,
                        null));
    }

    private static void emit(
            Context ctx,
            Observation o,
            QualityEventKind kind,
            String name,
            Outcome outcome,
            String checkType,
            String column,
            String detail) {
        ctx.output(
                EVENTS,
                new QualityEvent(
                        o.datasetUrn(),
                        o.eventMillis(),
                        kind,
                        name,
                        outcome,
                        checkType,
                        column,
                        detail,
                        null,
                        null));
    }

    private static List<FreshnessCheck> freshness(List<Check> checks) {
        List<FreshnessCheck> freshness = new ArrayList<>();
        for (Check check : checks) {
            if (check instanceof FreshnessCheck f) {
                freshness.add(f);
            }
        }
        return freshness;
    }

    private static List<Long> deadlinesOf(FreshnessCheck check) {
        List<Long> deadlines = new ArrayList<>(2);
        if (check.warnAfterMillis() != null) {
            deadlines.add(check.warnAfterMillis());
        }
        if (check.failAfterMillis() != null) {
            deadlines.add(check.failAfterMillis());
        }
        return deadlines;
    }

    /** Types compared without case and size: {@code VARCHAR(20)} and {@code varchar} agree. */
    private static String normalize(String type) {
        if (type == null) {
            return "";
        }
        int paren = type.indexOf('(');
        return (paren < 0 ? type : type.substring(0, paren)).trim().toLowerCase(Locale.ROOT);
    }
}
