package io.dataspoke.functions;

import io.dataspoke.event.MetadataChange;
import io.dataspoke.ingest.EntityAspects;
import io.dataspoke.ingest.EntitySnapshot;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the latest value of every versioned aspect of an entity in keyed state (RocksDB in
 * production) and emits the entity's new snapshot on each change. Deleting the key aspect
 * hard-deletes the entity: the state is cleared and a snapshot flagged {@code hardDeleted} is
 * emitted so the sink removes the row.
 */
public class EntityStateFunction
        extends KeyedProcessFunction<String, MetadataChange, EntitySnapshot> {

    private transient MapState<String, String> aspects;
    private transient ValueState<Long> changeCount;
    private transient ValueState<Long> lastChange;
    private transient Counter hardDeletes;

    @Override
    public void open(OpenContext openContext) {
        aspects =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("aspects", Types.STRING, Types.STRING));
        changeCount =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("change-count", Types.LONG));
        lastChange =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-change", Types.LONG));
        hardDeletes = getRuntimeContext().getMetricGroup().counter("entitiesHardDeleted");
    }

    @Override
    public void processElement(MetadataChange change, Context ctx, Collector<EntitySnapshot> out)
            throws Exception {
        if (change.isDelete()
                && EntityAspects.isKeyAspect(change.entityType(), change.aspectName())) {
            aspects.clear();
            changeCount.clear();
            lastChange.clear();
            hardDeletes.inc();
            out.collect(
                    new EntitySnapshot(
                            change.entityUrn(),
                            change.entityType(),
                            "{}",
                            true,
                            change.eventMillis(),
                            0,
                            true));
            return;
        }
        if (change.aspectName() != null) {
            if (change.isDelete() || change.aspectJson() == null) {
                aspects.remove(change.aspectName());
            } else {
                aspects.put(change.aspectName(), change.aspectJson());
            }
        }
        long count = changeCount.value() == null ? 1 : changeCount.value() + 1;
        changeCount.update(count);
        // Kafka keeps one entity's changes in order; an older event time must not move time back.
        long last =
                Math.max(change.eventMillis(), lastChange.value() == null ? 0 : lastChange.value());
        lastChange.update(last);

        Map<String, String> current = new HashMap<>();
        for (Map.Entry<String, String> aspect : aspects.entries()) {
            current.put(aspect.getKey(), aspect.getValue());
        }
        out.collect(
                new EntitySnapshot(
                        change.entityUrn(),
                        change.entityType(),
                        EntityAspects.toJsonObject(current),
                        EntityAspects.isRemoved(current.get("status")),
                        last,
                        count,
                        false));
    }
}
