package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.functions.EntityStateFunction;
import io.dataspoke.functions.HealthAuditFunction;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.PostgresSinks;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code metadata-health} job: DataHub's versioned change logs, the latest aspects of every
 * entity in keyed state, and a documentation audit of each dataset on every change, written to
 * Postgres ({@code dataset_health} and its history) when the outcome changes.
 */
public final class HealthJob {

    public static final String NAME = "metadata-health";

    private HealthJob() {}

    /** The health reports of the datasets in {@code records}; only changes of outcome. */
    public static DataStream<HealthReport> build(
            DataStream<RawRecord> records, RecordDecoder decoder, HealthRulesConfig rules) {
        DataStream<EntitySnapshot> entities =
                records.process(new DecodeFunction(decoder))
                        .uid("decode")
                        .name("Decode records")
                        .filter(HealthJob::isVersioned)
                        .name("Versioned changes")
                        .keyBy(MetadataChange::entityUrn)
                        .process(new EntityStateFunction())
                        .uid("entity-state")
                        .name("Latest aspects per entity");
        return entities.keyBy(EntitySnapshot::urn)
                .process(new HealthAuditFunction(rules))
                .uid("health-audit")
                .name("Documentation audit");
    }

    /** The whole job: the Kafka source, {@link #build}, and the Postgres sinks. */
    public static DataStream<HealthReport> wire(
            StreamExecutionEnvironment env,
            KafkaSource<RawRecord> source,
            RecordDecoder decoder,
            HealthRulesConfig rules,
            PostgresOptions postgres) {
        DataStream<RawRecord> records =
                env.fromSource(source, Sources.watermarks(), "DataHub change logs")
                        .uid("kafka-source");
        DataStream<HealthReport> reports = build(records, decoder, rules);
        reports.sinkTo(PostgresSinks.health(postgres))
                .uid("health-sink")
                .name("Postgres: dataset_health");
        reports.sinkTo(PostgresSinks.healthHistory(postgres))
                .uid("health-history-sink")
                .name("Postgres: dataset_health_history");
        return reports;
    }

    private static boolean isVersioned(MetadataChange change) {
        return !change.timeseries();
    }
}
