package io.dataspoke.functions;

import io.dataspoke.health.DigestComposer;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.OwnedReport;
import io.dataspoke.health.OwnerDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each owner's datasets and sends the owner a digest at the end of every period (processing
 * time: a digest is due at a time of day, not at an event time). The period boundaries are
 * multiples of the period since the epoch, so every owner's daily digest goes out at midnight UTC.
 * A digest already sent for a period is never sent again from restored state.
 */
public class OwnerDigestFunction extends KeyedProcessFunction<String, OwnedReport, OwnerDigest> {

    private final long periodMillis;
    private final int maxEntries;

    private transient DigestComposer composer;
    private transient MapState<String, HealthReport> datasets;
    private transient MapState<String, Integer> lastDigestScores;
    private transient ValueState<Long> pendingTimer;
    private transient ValueState<Long> lastPeriodSent;

    public OwnerDigestFunction(Duration period, int maxEntries) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the digest period must be positive");
        }
        this.periodMillis = period.toMillis();
        this.maxEntries = maxEntries;
    }

    @Override
    public void open(OpenContext openContext) {
        composer = new DigestComposer(maxEntries);
        datasets =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "datasets",
                                        Types.STRING,
                                        TypeInformation.of(HealthReport.class)));
        lastDigestScores =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "last-digest-scores", Types.STRING, Types.INT));
        pendingTimer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-timer", Types.LONG));
        lastPeriodSent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("last-period-sent", Types.LONG));
    }

    @Override
    public void processElement(OwnedReport owned, Context ctx, Collector<OwnerDigest> out)
            throws Exception {
        String urn = owned.report().urn();
        if (owned.owned()) {
            datasets.put(urn, owned.report());
        } else {
            datasets.remove(urn);
            lastDigestScores.remove(urn);
        }
        if (pendingTimer.value() == null && !datasets.isEmpty()) {
            long now = ctx.timerService().currentProcessingTime();
            schedule(ctx.timerService(), (now / periodMillis + 1) * periodMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OwnerDigest> out)
            throws Exception {
        pendingTimer.clear();
        Map<String, HealthReport> current = new HashMap<>();
        for (Map.Entry<String, HealthReport> e : datasets.entries()) {
            current.put(e.getKey(), e.getValue());
        }
        if (current.isEmpty()) {
            return;
        }
        Long sent = lastPeriodSent.value();
        if (sent == null || sent < timestamp) {
            Map<String, Integer> previous = new HashMap<>();
            for (Map.Entry<String, Integer> e : lastDigestScores.entries()) {
                previous.put(e.getKey(), e.getValue());
            }
            OwnerDigest digest =
                    composer.compose(ctx.getCurrentKey(), timestamp, current, previous);
            if (digest != null) {
                out.collect(digest);
                lastPeriodSent.update(timestamp);
            }
            lastDigestScores.clear();
            for (HealthReport report : current.values()) {
                lastDigestScores.put(report.urn(), report.score());
            }
        }
        schedule(ctx.timerService(), timestamp + periodMillis);
    }

    private void schedule(org.apache.flink.streaming.api.TimerService timers, long at)
            throws Exception {
        timers.registerProcessingTimeTimer(at);
        pendingTimer.update(at);
    }
}
