package io.dataspoke.quality.lineage;

import io.dataspoke.decode.DecodeException;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** The Flink functions that turn catalog lineage and run inputs into {@link LineageUpdate}s. */
public final class LineageFunctions {

    private LineageFunctions() {}

    /** {@code upstreamLineage} changes from DataHub's versioned change log. */
    public static class FromChanges implements FlatMapFunction<MetadataChange, LineageUpdate> {
        @Override
        public void flatMap(MetadataChange change, Collector<LineageUpdate> out) {
            if (change.timeseries()) {
                return;
            }
            try {
                LineageUpdate.fromCatalog(change).ifPresent(out::collect);
            } catch (DecodeException e) {
                // DecodeFunction dead-letters malformed known aspects, so they never get here.
                throw new IllegalStateException("aspect passed decoding but does not parse", e);
            }
        }
    }

    /** The inputs of each run, one update per output. */
    public static class FromRuns implements FlatMapFunction<PipelineRun, LineageUpdate> {
        @Override
        public void flatMap(PipelineRun run, Collector<LineageUpdate> out) {
            LineageUpdate.fromRun(run).forEach(out::collect);
        }
    }

    /**
     * Passes an update on only when it changes the upstreams it keeps (keyed by {@link
     * LineageUpdate#stateKey()}): an hourly job reports the same inputs every hour, and the lineage
     * consumers downstream run with parallelism 1 or broadcast.
     */
    public static class ChangeFilter
            extends KeyedProcessFunction<String, LineageUpdate, LineageUpdate> {

        private transient ValueState<LineageUpdate> last;

        @Override
        public void open(OpenContext openContext) {
            last =
                    getRuntimeContext()
                            .getState(
                                    new ValueStateDescriptor<>(
                                            "last", TypeInformation.of(LineageUpdate.class)));
        }

        @Override
        public void processElement(LineageUpdate update, Context ctx, Collector<LineageUpdate> out)
                throws Exception {
            LineageUpdate previous = last.value();
            if (previous == null
                    || (update.supersedes(previous)
                            && !java.util.Arrays.equals(
                                    sorted(previous.upstreams()), sorted(update.upstreams())))) {
                last.update(update);
                out.collect(update);
            }
        }

        private static String[] sorted(String[] urns) {
            String[] copy = urns.clone();
            java.util.Arrays.sort(copy);
            return copy;
        }
    }
}
