package io.dataspoke.quality.monitor;

import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Observations;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The Flink functions that normalize each kind of event into {@link Observation}s. */
public final class ObservationFunctions {

    private ObservationFunctions() {}

    /** Profiles, operations and schema changes from DataHub's change logs. */
    public static class FromChanges implements FlatMapFunction<MetadataChange, Observation> {
        @Override
        public void flatMap(MetadataChange change, Collector<Observation> out) {
            Observations.of(change).forEach(out::collect);
        }
    }

    /** Finished OpenLineage runs, one observation per output. */
    public static class FromRuns implements FlatMapFunction<PipelineRun, Observation> {
        @Override
        public void flatMap(PipelineRun run, Collector<Observation> out) {
            Observations.of(run).forEach(out::collect);
        }
    }

    /** Queries that wrote to tables. */
    public static class FromQueries implements FlatMapFunction<QueryLog, Observation> {
        @Override
        public void flatMap(QueryLog query, Collector<Observation> out) {
            Observations.of(query).forEach(out::collect);
        }
    }
}
