package io.dataspoke.functions;

import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.ingest.DatasetMetric;
import io.dataspoke.ingest.DatasetMetrics;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The Flink functions that turn each kind of event into dataset metric rows. */
public final class DatasetMetricsFunctions {

    private DatasetMetricsFunctions() {}

    /** Profiles and operations from the time-series topic. */
    public static class FromChanges implements FlatMapFunction<MetadataChange, DatasetMetric> {
        @Override
        public void flatMap(MetadataChange change, Collector<DatasetMetric> out) {
            DatasetMetrics.of(change).forEach(out::collect);
        }
    }

    /** Finished OpenLineage runs. */
    public static class FromRuns implements FlatMapFunction<PipelineRun, DatasetMetric> {
        @Override
        public void flatMap(PipelineRun run, Collector<DatasetMetric> out) {
            DatasetMetrics.of(run).forEach(out::collect);
        }
    }

    /** Queries that wrote to tables. */
    public static class FromQueries implements FlatMapFunction<QueryLog, DatasetMetric> {
        @Override
        public void flatMap(QueryLog query, Collector<DatasetMetric> out) {
            DatasetMetrics.of(query).forEach(out::collect);
        }
    }
}
