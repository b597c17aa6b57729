package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertRoute;
import io.dataspoke.quality.alert.AlertRouting;
import io.dataspoke.quality.alert.IncidentAlert;
import io.dataspoke.quality.alert.IncidentAlertFunction;
import io.dataspoke.quality.anomaly.AnomalyFunction;
import io.dataspoke.quality.anomaly.AnomalyModel;
import io.dataspoke.quality.anomaly.AnomalyRecord;
import io.dataspoke.quality.cep.FlappingPatterns;
import io.dataspoke.quality.cep.PipelineFailurePatterns;
import io.dataspoke.quality.cep.SchemaChangePatterns;
import io.dataspoke.quality.cep.VolumeFreshnessPatterns;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.incident.CatalogFacts;
import io.dataspoke.quality.incident.CorrelatorInput;
import io.dataspoke.quality.incident.IncidentCorrelatorFunction;
import io.dataspoke.quality.lineage.LineageFanOutFunction;
import io.dataspoke.quality.lineage.LineageFunctions;
import io.dataspoke.quality.lineage.LineageUpdate;
import io.dataspoke.quality.monitor.ContractFunction;
import io.dataspoke.quality.monitor.ObservationFunctions;
import io.dataspoke.quality.status.CircuitBreakerFunction;
import io.dataspoke.quality.status.IncidentNotice;
import io.dataspoke.sinks.datahub.DataHubSink;
import io.dataspoke.sinks.datahub.DataHubSinkOptions;
import io.dataspoke.sinks.datahub.DataHubWrite;
import io.dataspoke.sinks.kafka.StatusTopicSink;
import io.dataspoke.sinks.postgres.PostgresDeliveryLog;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.QualitySinks;
import io.dataspoke.sinks.slack.IncidentMessages;
import io.dataspoke.sinks.slack.SlackMessage;
import io.dataspoke.sinks.slack.SlackSink;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The {@code quality-monitor} job: every profile, operation, run, query and schema change becomes
 * an observation of its dataset; contract checks are evaluated on each (freshness by timers); the
 * transitions feed CEP patterns over lineage, an incident correlator that tells one story per root
 * cause, and a circuit breaker per dataset. Results go to Postgres and the status topic.
 */
public final class QualityJob {

    public static final String NAME = "quality-monitor";

    private QualityJob() {}

    /**
     * How the job judges.
     *
     * @param maxHops how far up the lineage a downstream problem looks for its cause
     * @param schemaChangeWindow how long after a breaking change a downstream failure is its effect
     * @param consecutiveFailures failed runs in a row that make an incident
     * @param volumeFreshnessWindow how long after a volume problem a downstream freshness miss is
     *     its effect
     * @param flappingChanges outcome changes of one check within {@code flappingWindow} that make
     *     it flapping
     * @param idleGrace how long past a freshness deadline the processing-time fallback waits for
     *     the watermark
     * @param reopenWindow a problem back within this time reopens its resolved incident
     * @param blockAt incidents of this severity and above block their datasets
     * @param teamByOwner owner URN to team name: an incident's team is its root dataset's, for
     *     alert routing
     * @param modelPoll how often {@code anomaly_models} is read for newly trained models
     */
    public record Settings(
            ContractSet contracts,
            int maxHops,
            Duration schemaChangeWindow,
            int consecutiveFailures,
            Duration volumeFreshnessWindow,
            int flappingChanges,
            Duration flappingWindow,
            Duration idleGrace,
            Duration reopenWindow,
            Severity blockAt,
            Map<String, String> teamByOwner,
            Duration modelPoll)
            implements Serializable {

        public Settings {
            teamByOwner = Map.copyOf(teamByOwner);
        }

        /** The defaults documented in docs/quality.md, for {@code contracts}. */
        public static Settings defaults(ContractSet contracts) {
            return of(contracts, Severity.HIGH, Map.of());
        }

        /**
         * The documented defaults with what a config file sets: the severity that blocks and the
         * teams (owner URN to team name) incidents are routed by.
         */
        public static Settings of(
                ContractSet contracts, Severity blockAt, Map<String, String> teamByOwner) {
            return new Settings(
                    contracts,
                    LineageFanOutFunction.DEFAULT_MAX_HOPS,
                    SchemaChangePatterns.DEFAULT_WINDOW,
                    PipelineFailurePatterns.DEFAULT_FAILURES,
                    VolumeFreshnessPatterns.DEFAULT_WINDOW,
                    FlappingPatterns.DEFAULT_CHANGES,
                    FlappingPatterns.DEFAULT_WINDOW,
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    blockAt,
                    teamByOwner,
                    AnomalyModelSource.DEFAULT_POLL);
        }

        /** The same, reading new anomaly models every {@code poll}. */
        public Settings withModelPoll(Duration poll) {
            return new Settings(
                    contracts,
                    maxHops,
                    schemaChangeWindow,
                    consecutiveFailures,
                    volumeFreshnessWindow,
                    flappingChanges,
                    flappingWindow,
                    idleGrace,
                    reopenWindow,
                    blockAt,
                    teamByOwner,
                    poll);
        }
    }

    /**
     * The topics the job reads: the change logs, runs and query logs. PlatformEvents are left out:
     * nothing here needs them, and a low-volume topic only holds the watermark back.
     */
    public static List<String> topics(Topics topics) {
        return List.of(
                topics.versioned(), topics.timeseries(), topics.openLineage(), topics.queryLogs());
    }

    /** What the job produces, before the sinks; tests assert on these directly. */
    public record Outputs(
            DataStream<CheckResult> checks,
            DataStream<QualityEvent> events,
            DataStream<PatternMatch> matches,
            DataStream<Incident> incidents,
            DataStream<DatasetStatus> statuses,
            DataStream<AnomalyRecord> anomalies) {}

    /** Wires the job's operators over {@code records}, with no trained anomaly models. */
    public static Outputs build(
            DataStream<RawRecord> records, RecordDecoder decoder, Settings settings) {
        return build(
                records,
                AnomalyModelSource.none(records.getExecutionEnvironment()),
                decoder,
                settings);
    }

    /**
     * Wires the job's operators over {@code records}; trained anomaly models arrive on {@code
     * models} while it runs.
     */
    public static Outputs build(
            DataStream<RawRecord> records,
            DataStream<AnomalyModel> models,
            RecordDecoder decoder,
            Settings settings) {
        SingleOutputStreamOperator<MetadataChange> changes =
                records.process(new DecodeFunction(decoder)).uid("decode").name("Decode records");
        DataStream<PipelineRun> runs = changes.getSideOutput(DecodeFunction.PIPELINE_RUNS);
        DataStream<QueryLog> queries = changes.getSideOutput(DecodeFunction.QUERY_LOGS);

        DataStream<Observation> observations =
                changes.flatMap(new ObservationFunctions.FromChanges())
                        .name("Profile, operation and schema observations")
                        .union(
                                runs.flatMap(new ObservationFunctions.FromRuns())
                                        .name("Run observations"),
                                queries.flatMap(new ObservationFunctions.FromQueries())
                                        .name("Query observations"));

        SingleOutputStreamOperator<CheckResult> checks =
                observations
                        .keyBy(Observation::datasetUrn)
                        .process(new ContractFunction(settings.contracts(), settings.idleGrace()))
                        .uid("contract-checks")
                        .name("Contract checks");
        SingleOutputStreamOperator<AnomalyRecord> anomalies =
                observations
                        .keyBy(Observation::datasetUrn)
                        .connect(models.broadcast(AnomalyFunction.MODELS))
                        .process(new AnomalyFunction())
                        .uid("anomaly-detection")
                        .name("Anomaly detection");
        DataStream<QualityEvent> events =
                checks.getSideOutput(ContractFunction.EVENTS)
                        .union(anomalies.getSideOutput(AnomalyFunction.EVENTS));

        DataStream<LineageUpdate> lineage =
                changes.flatMap(new LineageFunctions.FromChanges())
                        .name("Catalog lineage")
                        .union(runs.flatMap(new LineageFunctions.FromRuns()).name("Run lineage"))
                        .keyBy(LineageUpdate::stateKey)
                        .process(new LineageFunctions.ChangeFilter())
                        .uid("lineage-changes")
                        .name("Lineage changes");
        BroadcastStream<LineageUpdate> lineageBroadcast =
                lineage.broadcast(LineageFanOutFunction.LINEAGE);
        DataStream<Impact> impacts =
                events.connect(lineageBroadcast)
                        .process(new LineageFanOutFunction(settings.maxHops()))
                        .uid("lineage-fan-out")
                        .name("Events seen from upstream");

        DataStream<PatternMatch> matches =
                SchemaChangePatterns.detect(impacts, settings.schemaChangeWindow())
                        .union(
                                PipelineFailurePatterns.detect(
                                        events, settings.consecutiveFailures(), null),
                                VolumeFreshnessPatterns.detect(
                                        impacts, settings.volumeFreshnessWindow()),
                                FlappingPatterns.detect(
                                        events,
                                        settings.flappingChanges(),
                                        settings.flappingWindow()));

        DataStream<Incident> incidents =
                events.map(new ToCorrelator.Event())
                        .name("Events to correlate")
                        .union(
                                matches.map(new ToCorrelator.Match()).name("Matches to correlate"),
                                lineage.map(new ToCorrelator.Lineage())
                                        .name("Lineage to correlate"),
                                changes.flatMap(new ToCorrelator.Facts())
                                        .name("Owners and domains to correlate"))
                        .keyBy(input -> IncidentCorrelatorFunction.KEY)
                        .process(
                                new IncidentCorrelatorFunction(
                                        settings.contracts(),
                                        settings.maxHops(),
                                        settings.reopenWindow(),
                                        IncidentCorrelatorFunction.DEFAULT_FLUSH_DELAY,
                                        settings.teamByOwner()))
                        .setParallelism(1)
                        .uid("incident-correlator")
                        .name("Incidents by root cause");

        DataStream<DatasetStatus> statuses =
                events.keyBy(QualityEvent::datasetUrn)
                        .connect(
                                incidents
                                        .flatMap(new ToNotices())
                                        .name("Incidents per dataset")
                                        .keyBy(IncidentNotice::datasetUrn))
                        .process(new CircuitBreakerFunction(settings.blockAt()))
                        .uid("circuit-breaker")
                        .name("Circuit breaker");

        return new Outputs(checks, events, matches, incidents, statuses, anomalies);
    }

    /**
     * Slack alerts: how long the first message of an incident waits for the rest of its story,
     * which routes get which incidents, and each route's webhook URL.
     *
     * @param datahubWebUrl DataHub's web URL for links in the messages, null for none
     */
    public record Alerts(
            Duration groupingWindow,
            AlertRouting routing,
            Map<String, String> webhookByRoute,
            String datahubWebUrl)
            implements Serializable {

        public Alerts {
            webhookByRoute = Map.copyOf(webhookByRoute);
            for (AlertRoute route : routing.routes()) {
                if (!webhookByRoute.containsKey(route.name())) {
                    throw new IllegalArgumentException("no webhook URL for route " + route.name());
                }
            }
        }

        @Override
        public String toString() {
            // Webhook URLs are secrets.
            return "Alerts[groupingWindow=" + groupingWindow + ", routing=" + routing + "]";
        }
    }

    /**
     * Where the results go besides Postgres.
     *
     * @param statusTopic null for no status topic
     * @param alerts null for no Slack alerts
     * @param dataHub null for no write-back to DataHub
     */
    public record Destinations(
            PostgresOptions postgres,
            String bootstrapServers,
            String statusTopic,
            Map<String, String> kafkaProperties,
            Alerts alerts,
            DataHubSinkOptions dataHub) {}

    /**
     * The whole job: the Kafka source, {@link #build}, the Postgres sinks, and when configured the
     * status topic, Slack alerts per route and the write-back to DataHub.
     */
    public static Outputs wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            RecordDecoder decoder,
            Settings settings,
            Destinations to) {
        return wire(env, source, Sources.watermarks(), decoder, settings, to);
    }

    /**
     * {@link #wire(StreamExecutionEnvironment, Source, RecordDecoder, Settings, Destinations)} with
     * the source's watermarks built by {@link Sources#watermarks(Duration)} with another
     * out-of-orderness: the latency bench states its own.
     */
    public static Outputs wire(
            StreamExecutionEnvironment env,
            Source<RawRecord, ?, ?> source,
            WatermarkStrategy<RawRecord> watermarks,
            RecordDecoder decoder,
            Settings settings,
            Destinations to) {
        DataStream<RawRecord> records =
                env.fromSource(source, watermarks, "DataHub and pipeline topics")
                        .uid("kafka-source");
        Outputs outputs =
                build(
                        records,
                        AnomalyModelSource.stream(
                                env,
                                to.postgres(),
                                settings.modelPoll(),
                                source.getBoundedness() == Boundedness.BOUNDED),
                        decoder,
                        settings);
        outputs.anomalies()
                .sinkTo(QualitySinks.anomalies(to.postgres()))
                .uid("anomalies-sink")
                .name("Postgres: anomalies");
        outputs.checks()
                .sinkTo(QualitySinks.checkResults(to.postgres()))
                .uid("check-results-sink")
                .name("Postgres: check_results");
        outputs.incidents()
                .sinkTo(QualitySinks.incidents(to.postgres()))
                .uid("incidents-sink")
                .name("Postgres: incidents");
        outputs.statuses()
                .sinkTo(QualitySinks.statuses(to.postgres()))
                .uid("status-sink")
                .name("Postgres: dataset_status");
        if (to.statusTopic() != null) {
            outputs.statuses()
                    .sinkTo(
                            StatusTopicSink.create(
                                    to.bootstrapServers(), to.statusTopic(), to.kafkaProperties()))
                    .uid("status-topic-sink")
                    .name("Kafka: " + to.statusTopic());
        }
        if (to.alerts() != null) {
            alerts(outputs.incidents(), to.alerts(), to.postgres());
        }
        if (to.dataHub() != null) {
            DataStream<DataHubWrite> writes =
                    outputs.checks()
                            .keyBy(QualityWriteBack::checkKey)
                            .process(new QualityWriteBack.AssertionWrites())
                            .uid("assertion-writes")
                            .name("Checks as DataHub assertions")
                            .union(
                                    outputs.incidents()
                                            .map(new QualityWriteBack.IncidentWrites())
                                            .name("Incidents as DataHub incidents"));
            writes.sinkTo(DataHubSink.builder().setOptions(to.dataHub()).build())
                    .uid("datahub-quality-sink")
                    .name("DataHub: assertions and incidents");
        }
        return outputs;
    }

    /** One Slack sink per route, each fed the alerts routed to it. */
    static DataStream<IncidentAlert> alerts(
            DataStream<Incident> incidents, Alerts alerts, PostgresOptions postgres) {
        DataStream<IncidentAlert> composed =
                incidents
                        .keyBy(Incident::id)
                        .process(new IncidentAlertFunction(alerts.groupingWindow()))
                        .uid("incident-alerts")
                        .name("Incident alerts");
        for (AlertRoute route : alerts.routing().routes()) {
            composed.filter(new RoutedTo(alerts.routing(), route.name()))
                    .name("Routed to " + route.name())
                    .map(new ToSlack(route.name(), alerts.datahubWebUrl()))
                    .name("To Slack Block Kit: " + route.name())
                    .sinkTo(
                            SlackSink.builder()
                                    .setWebhookUrl(alerts.webhookByRoute().get(route.name()))
                                    // An alert composed again after a restore is not resent.
                                    .setDeliveryLog(new PostgresDeliveryLog(postgres))
                                    .build())
                    .uid("slack-alerts-" + route.name())
                    .name("Slack: " + route.name());
        }
        return composed;
    }

    /** Keeps the alerts the routing sends to one route. */
    static final class RoutedTo implements FilterFunction<IncidentAlert> {
        private final AlertRouting routing;
        private final String route;

        RoutedTo(AlertRouting routing, String route) {
            this.routing = routing;
            this.route = route;
        }

        @Override
        public boolean filter(IncidentAlert alert) {
            return routing.routesFor(alert).contains(route);
        }
    }

    /** An alert as the Slack message of one route. */
    static final class ToSlack implements MapFunction<IncidentAlert, SlackMessage> {
        private final String route;
        private final String datahubWebUrl;

        ToSlack(String route, String datahubWebUrl) {
            this.route = route;
            this.datahubWebUrl = datahubWebUrl;
        }

        @Override
        public SlackMessage map(IncidentAlert alert) {
            return IncidentMessages.of(alert, route, datahubWebUrl);
        }
    }

    /** Wraps each input kind of the correlator. */
    static final class ToCorrelator {
        private ToCorrelator() {}

        static final class Event implements MapFunction<QualityEvent, CorrelatorInput> {
            @Override
            public CorrelatorInput map(QualityEvent event) {
                return CorrelatorInput.of(event);
            }
        }

        static final class Match implements MapFunction<PatternMatch, CorrelatorInput> {
            @Override
            public CorrelatorInput map(PatternMatch match) {
                return CorrelatorInput.of(match);
            }
        }

        /** Domains and owners of datasets, for the team and domain of incidents. */
        static final class Facts implements FlatMapFunction<MetadataChange, CorrelatorInput> {
            @Override
            public void flatMap(MetadataChange change, Collector<CorrelatorInput> out) {
                CatalogFacts.of(change).map(CorrelatorInput::of).ifPresent(out::collect);
            }
        }

        static final class Lineage implements MapFunction<LineageUpdate, CorrelatorInput> {
            @Override
            public CorrelatorInput map(LineageUpdate update) {
                return CorrelatorInput.of(update);
            }
        }
    }

    /** One notice per dataset in each incident revision. */
    static final class ToNotices implements FlatMapFunction<Incident, IncidentNotice> {
        @Override
        public void flatMap(Incident incident, Collector<IncidentNotice> out) {
            IncidentNotice.of(incident).forEach(out::collect);
        }
    }
}
