package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.functions.EntityStateFunction;
import io.dataspoke.functions.HealthAuditFunction;
import io.dataspoke.functions.OwnerDigestFunction;
import io.dataspoke.functions.OwnerFanOutFunction;
import io.dataspoke.functions.ScoreChangeFilter;
import io.dataspoke.health.HealthLevel;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.health.OwnedReport;
import io.dataspoke.health.OwnerDigest;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.sinks.datahub.DataHubSink;
import io.dataspoke.sinks.datahub.DataHubSinkOptions;
import io.dataspoke.sinks.datahub.DataHubWrite;
import io.dataspoke.sinks.datahub.DocumentationHealthAspects;
import io.dataspoke.sinks.postgres.PostgresDeliveryLog;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.PostgresSinks;
import io.dataspoke.sinks.slack.DigestMessages;
import io.dataspoke.sinks.slack.SlackMessage;
import io.dataspoke.sinks.slack.SlackSink;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The {@code metadata-health} job: DataHub's versioned change logs, the latest aspects of every
 * entity in keyed state, and a documentation audit of each dataset on every change, written to
 * Postgres ({@code dataset_health} and its history) when the outcome changes; optionally a periodic
 * digest per owner (Postgres and Slack) and the score written back to DataHub.
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
        // Already partitioned by URN: reinterpreting keeps the audit chained to the entity state,
        // so each snapshot (every aspect of the entity) is not serialized over the network again.
        return DataStreamUtils.reinterpretAsKeyedStream(entities, EntitySnapshot::urn, Types.STRING)
                .process(new HealthAuditFunction(rules))
                .uid("health-audit")
                .name("Documentation audit");
    }

    /**
     * Owner digests: how often, how long, and where they go besides the {@code owner_digests}
     * table.
     *
     * @param slackWebhookUrl null to record digests in Postgres only
     * @param mentions owner URN to Slack mention, e.g. {@code <@U024BE7LH>}
     * @param datahubWebUrl DataHub's web URL for links in the messages, null for none
     */
    public record Digests(
            Duration period,
            int maxDatasets,
            String slackWebhookUrl,
            Map<String, String> mentions,
            String datahubWebUrl)
            implements Serializable {

        public Digests {
            mentions = Map.copyOf(mentions);
        }

        @Override
        public String toString() {
            // The webhook URL is a secret.
            return "Digests[period=" + period + ", maxDatasets=" + maxDatasets + "]";
        }
    }

    /** Each owner's digest per period, from the health reports. */
    public static DataStream<OwnerDigest> digests(
            DataStream<HealthReport> reports, Duration period, int maxDatasets) {
        return reports.keyBy(HealthReport::urn)
                .process(new OwnerFanOutFunction())
                .uid("owner-fan-out")
                .name("Reports per owner")
                .keyBy(OwnedReport::owner)
                .process(new OwnerDigestFunction(period, maxDatasets))
                .uid("owner-digests")
                .name("Owner digests");
    }

    /** The DataHub writes of the reports whose score changed. */
    public static DataStream<DataHubWrite> writeBack(DataStream<HealthReport> reports) {
        return reports.keyBy(HealthReport::urn)
                .process(new ScoreChangeFilter())
                .uid("score-changes")
                .name("Score changes")
                .map(new ToHealthWrite())
                .name("To DataHub structured properties");
    }

    /** The whole job without digests or write-back (see the full {@link #wire}). */
    public static DataStream<HealthReport> wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            RecordDecoder decoder,
            HealthRulesConfig rules,
            PostgresOptions postgres) {
        return wire(env, source, decoder, rules, postgres, null, null);
    }

    /**
     * The whole job: the Kafka source, {@link #build}, the Postgres sinks, and when configured the
     * owner digests (Postgres, and Slack when a webhook is given) and the write-back to DataHub.
     */
    public static DataStream<HealthReport> wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            RecordDecoder decoder,
            HealthRulesConfig rules,
            PostgresOptions postgres,
            Digests digests,
            DataHubSinkOptions dataHub) {
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
        if (digests != null) {
            DataStream<OwnerDigest> sent =
                    digests(reports, digests.period(), digests.maxDatasets());
            sent.sinkTo(PostgresSinks.ownerDigests(postgres))
                    .uid("owner-digests-sink")
                    .name("Postgres: owner_digests");
            if (digests.slackWebhookUrl() != null) {
                sent.map(new ToSlack(digests.mentions(), digests.datahubWebUrl()))
                        .name("To Slack Block Kit")
                        .sinkTo(
                                SlackSink.builder()
                                        .setWebhookUrl(digests.slackWebhookUrl())
                                        // A digest composed again after a restore is not resent.
                                        .setDeliveryLog(new PostgresDeliveryLog(postgres))
                                        .build())
                        .uid("slack-digests-sink")
                        .name("Slack: owner digests");
            }
        }
        if (dataHub != null) {
            writeBack(reports)
                    .sinkTo(
                            DataHubSink.builder()
                                    .setOptions(dataHub)
                                    .setPrerequisiteWrites(DocumentationHealthAspects.definitions())
                                    .build())
                    .uid("datahub-health-sink")
                    .name("DataHub: documentation health");
        }
        return reports;
    }

    /** A digest as a Slack message, mentioning the owner when the config maps them. */
    static final class ToSlack implements MapFunction<OwnerDigest, SlackMessage> {
        private final Map<String, String> mentions;
        private final String datahubWebUrl;

        ToSlack(Map<String, String> mentions, String datahubWebUrl) {
            this.mentions = mentions;
            this.datahubWebUrl = datahubWebUrl;
        }

        @Override
        public SlackMessage map(OwnerDigest digest) {
            return DigestMessages.of(digest, mentions.get(digest.owner()), datahubWebUrl);
        }
    }

    /** A report as DataSpoke's two structured properties on the dataset. */
    static final class ToHealthWrite implements MapFunction<HealthReport, DataHubWrite> {
        @Override
        public DataHubWrite map(HealthReport report) {
            return DocumentationHealthAspects.health(
                    report.urn(), report.score(), HealthLevel.of(report.score()).label());
        }
    }

    private static boolean isVersioned(MetadataChange change) {
        return !change.timeseries();
    }
}
