package io.dataspoke.quality.status;

import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each dataset's circuit-breaker status current from its quality events and the incidents it
 * is in, emitting the status whenever the verdict or its reasons change. Once a dataset is back to
 * PASS its state is cleared: PASS is what a dataset without state is.
 */
public class CircuitBreakerFunction
        extends KeyedCoProcessFunction<String, QualityEvent, IncidentNotice, DatasetStatus> {

    private final Severity blockAt;

    private transient CircuitBreaker breaker;
    private transient MapState<String, StatusFact> facts;
    private transient ValueState<DatasetStatus> current;

    public CircuitBreakerFunction(Severity blockAt) {
        this.blockAt = blockAt;
    }

    @Override
    public void open(OpenContext openContext) {
        breaker = new CircuitBreaker(blockAt);
        facts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "facts",
                                        Types.STRING,
                                        TypeInformation.of(StatusFact.class)));
        current =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "status", TypeInformation.of(DatasetStatus.class)));
    }

    @Override
    public void processElement1(QualityEvent event, Context ctx, Collector<DatasetStatus> out)
            throws Exception {
        StatusFact fact = CircuitBreaker.factOf(event);
        apply(event.kind() + ":" + event.name(), fact, event.eventMillis(), ctx, out);
    }

    @Override
    public void processElement2(IncidentNotice notice, Context ctx, Collector<DatasetStatus> out)
            throws Exception {
        apply(CircuitBreaker.keyOf(notice), breaker.factOf(notice), notice.eventMillis(), ctx, out);
    }

    private void apply(
            String key, StatusFact fact, long millis, Context ctx, Collector<DatasetStatus> out)
            throws Exception {
        if (fact == null) {
            if (!facts.contains(key)) {
                return;
            }
            facts.remove(key);
        } else {
            StatusFact previous = facts.get(key);
            if (previous != null) {
                fact = new StatusFact(key, fact.calls(), fact.reason(), previous.sinceMillis());
            }
            facts.put(key, fact);
        }
        List<StatusFact> all = new ArrayList<>();
        facts.values().forEach(all::add);
        List<StatusFact> ordered = CircuitBreaker.ordered(all);
        CircuitStatus status = CircuitBreaker.statusOf(ordered);
        String[] reasons = ordered.stream().map(StatusFact::reason).toArray(String[]::new);
        String[] incidents =
                ordered.stream()
                        .map(StatusFact::key)
                        .filter(k -> k.startsWith("INCIDENT:"))
                        .map(k -> k.substring("INCIDENT:".length()))
                        .toArray(String[]::new);
        DatasetStatus before = current.value();
        if (before == null && status == CircuitStatus.PASS) {
            return;
        }
        if (before != null
                && before.status() == status
                && Arrays.equals(before.reasons(), reasons)) {
            return;
        }
        long since = before != null && before.status() == status ? before.sinceMillis() : millis;
        DatasetStatus next =
                new DatasetStatus(ctx.getCurrentKey(), status, reasons, incidents, since, millis);
        out.collect(next);
        if (status == CircuitStatus.PASS) {
            facts.clear();
            current.clear();
        } else {
            current.update(next);
        }
    }
}
