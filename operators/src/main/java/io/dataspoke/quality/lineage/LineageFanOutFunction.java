package io.dataspoke.quality.lineage;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.QualityEvent;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Shows each quality event to the datasets upstream of it: emits {@code Impact(itself, 0, event)}
 * and one {@code Impact(ancestor, hops, event)} per ancestor within {@code maxHops}, so the lineage
 * patterns, keyed by root, see a cause and its downstream effects side by side.
 *
 * <p>Lineage arrives on the broadcast side and lives in the {@link #LINEAGE} broadcast state, one
 * entry per source and downstream. It is not keyed: every event needs the whole graph, and the
 * fan-out itself keeps no per-dataset state. The graph walked per event is a cache rebuilt from the
 * broadcast state the first time it is needed (so a restored task rebuilds it) and then kept in
 * step with each update.
 *
 * <p>An event that arrives before the lineage it needs is only seen from its own dataset.
 */
public class LineageFanOutFunction
        extends BroadcastProcessFunction<QualityEvent, LineageUpdate, Impact> {

    /** Default for how far upstream an event is shown. */
    public static final int DEFAULT_MAX_HOPS = 3;

    /** The lineage: {@link LineageUpdate#stateKey()} → the latest update for it. */
    public static final MapStateDescriptor<String, LineageUpdate> LINEAGE =
            new MapStateDescriptor<>(
                    "lineage", Types.STRING, TypeInformation.of(LineageUpdate.class));

    private final int maxHops;

    private transient LineageGraph graph;

    public LineageFanOutFunction() {
        this(DEFAULT_MAX_HOPS);
    }

    /**
     * @param maxHops how many lineage hops upstream an event is shown; 0 shows it only to itself
     */
    public LineageFanOutFunction(int maxHops) {
        if (maxHops < 0) {
            throw new IllegalArgumentException("maxHops must be >= 0, got " + maxHops);
        }
        this.maxHops = maxHops;
    }

    @Override
    public void processElement(QualityEvent event, ReadOnlyContext ctx, Collector<Impact> out)
            throws Exception {
        out.collect(new Impact(event.datasetUrn(), 0, event));
        if (maxHops == 0) {
            return;
        }
        for (Map.Entry<String, Integer> ancestor :
                graph(ctx.getBroadcastState(LINEAGE))
                        .ancestors(event.datasetUrn(), maxHops)
                        .entrySet()) {
            out.collect(new Impact(ancestor.getKey(), ancestor.getValue(), event));
        }
    }

    @Override
    public void processBroadcastElement(LineageUpdate update, Context ctx, Collector<Impact> out)
            throws Exception {
        BroadcastState<String, LineageUpdate> lineage = ctx.getBroadcastState(LINEAGE);
        if (!update.supersedes(lineage.get(update.stateKey()))) {
            return;
        }
        // An empty update stays as a marker, so an older update that arrives late cannot bring
        // back upstreams the source has since removed.
        lineage.put(update.stateKey(), update);
        if (graph != null) {
            graph.apply(update);
        }
    }

    private LineageGraph graph(ReadOnlyBroadcastState<String, LineageUpdate> lineage)
            throws Exception {
        if (graph == null) {
            LineageGraph rebuilt = new LineageGraph();
            for (Map.Entry<String, LineageUpdate> entry : lineage.immutableEntries()) {
                rebuilt.apply(entry.getValue());
            }
            graph = rebuilt;
        }
        return graph;
    }
}
