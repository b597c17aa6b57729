package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.DeadLetter;
import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import io.dataspoke.functions.DatasetMetricsFunctions;
import io.dataspoke.functions.EntityStateFunction;
import io.dataspoke.ingest.DatasetMetric;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.PostgresSinks;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The foundation job: DataHub's change logs and platform events, OpenLineage runs and query logs
 * from Kafka, decoded (undecodable records to the dead-letter table), the latest aspects of every
 * entity kept in keyed state, and entities, dataset metrics, pipeline runs and dead letters
 * upserted into Postgres.
 */
public final class IngestJob {

    public static final String NAME = "ingest";

    private IngestJob() {}

    /** What the job produces, before the sinks; tests assert on these directly. */
    public record Outputs(
            DataStream<EntitySnapshot> entities,
            DataStream<DatasetMetric> metrics,
            DataStream<PipelineRun> runs,
            DataStream<EntityChange> entityChanges,
            DataStream<DeadLetter> deadLetters) {}

    /** Wires the job's operators over {@code records}. */
    public static Outputs build(DataStream<RawRecord> records, RecordDecoder decoder) {
        SingleOutputStreamOperator<MetadataChange> changes =
                records.process(new DecodeFunction(decoder)).uid("decode").name("Decode records");

        DataStream<EntitySnapshot> entities =
                changes.filter(change -> !change.timeseries())
                        .name("Versioned changes")
                        .keyBy(MetadataChange::entityUrn)
                        .process(new EntityStateFunction())
                        .uid("entity-state")
                        .name("Latest aspects per entity");

        DataStream<PipelineRun> runs = changes.getSideOutput(DecodeFunction.PIPELINE_RUNS);
        DataStream<QueryLog> queries = changes.getSideOutput(DecodeFunction.QUERY_LOGS);

        DataStream<DatasetMetric> metrics =
                changes.flatMap(new DatasetMetricsFunctions.FromChanges())
                        .name("Profile and operation metrics")
                        .union(
                                runs.flatMap(new DatasetMetricsFunctions.FromRuns())
                                        .name("Run metrics"),
                                queries.flatMap(new DatasetMetricsFunctions.FromQueries())
                                        .name("Query metrics"));

        return new Outputs(
                entities,
                metrics,
                runs,
                changes.getSideOutput(DecodeFunction.ENTITY_CHANGES),
                changes.getSideOutput(DecodeFunction.DEAD_LETTERS));
    }

    /** The whole job: the Kafka source, {@link #build}, and the Postgres sinks. */
    public static Outputs wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            RecordDecoder decoder,
            PostgresOptions postgres) {
        DataStream<RawRecord> records =
                env.fromSource(source, Sources.watermarks(), "DataHub and pipeline topics")
                        .uid("kafka-source");
        Outputs outputs = build(records, decoder);
        outputs.entities()
                .sinkTo(PostgresSinks.entities(postgres))
                .uid("entities-sink")
                .name("Postgres: entities");
        outputs.metrics()
                .sinkTo(PostgresSinks.metrics(postgres))
                .uid("metrics-sink")
                .name("Postgres: dataset_metrics");
        outputs.runs()
                .sinkTo(PostgresSinks.pipelineRuns(postgres))
                .uid("runs-sink")
                .name("Postgres: pipeline_runs");
        outputs.deadLetters()
                .sinkTo(PostgresSinks.deadLetters(postgres))
                .uid("dead-letters-sink")
                .name("Postgres: dead_letters");
        return outputs;
    }
}
