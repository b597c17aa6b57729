package io.dataspoke.jobs;

import io.dataspoke.decode.DecodeFunction;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.cep.FlappingPatterns;
import io.dataspoke.quality.cep.PipelineFailurePatterns;
import io.dataspoke.quality.cep.SchemaChangePatterns;
import io.dataspoke.quality.cep.VolumeFreshnessPatterns;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.incident.CorrelatorInput;
import io.dataspoke.quality.incident.IncidentCorrelatorFunction;
import io.dataspoke.quality.lineage.LineageFanOutFunction;
import io.dataspoke.quality.lineage.LineageFunctions;
import io.dataspoke.quality.lineage.LineageUpdate;
import io.dataspoke.quality.monitor.ContractFunction;
import io.dataspoke.quality.monitor.ObservationFunctions;
import io.dataspoke.quality.status.CircuitBreakerFunction;
import io.dataspoke.quality.status.IncidentNotice;
import io.dataspoke.sinks.kafka.StatusTopicSink;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.QualitySinks;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.kafka.source.KafkaSource;
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
     * @param volumeFreshnessWindow how long after a volume problem a downstream freshness miss is its
     *     effect
     * @param flappingChanges outcome changes of one check within {@code flappingWindow} that make it
     *     flapping
     * @param idleGrace how long past a freshness deadline the processing-time fallback waits for the
     *     watermark
     * @param reopenWindow a problem back within this time reopens its resolved incident
     * @param blockAt incidents of this severity and above block their datasets
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
            Severity blockAt)
            implements Serializable {

        /** The defaults documented in docs/quality.md, for {@code contracts}. */
        public static Settings defaults(ContractSet contracts) {
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
                    Severity.HIGH);
        }
    }

    /** What the job produces, before the sinks; tests assert on these directly. */
    public record Outputs(
            DataStream<CheckResult> checks,
            DataStream<QualityEvent> events,
            DataStream<PatternMatch> matches,
            DataStream<Incident> incidents,
            DataStream<DatasetStatus> statuses) {}

    /** Wires the job's operators over {@code records}. */
    public static Outputs build(
            DataStream<RawRecord> records, RecordDecoder decoder, Settings settings) {
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
        DataStream<QualityEvent> events = checks.getSideOutput(ContractFunction.EVENTS);

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
                                        .name("Lineage to correlate"))
                        .keyBy(input -> IncidentCorrelatorFunction.KEY)
                        .process(
                                new IncidentCorrelatorFunction(
                                        settings.contracts(),
                                        settings.maxHops(),
                                        settings.reopenWindow()))
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

        return new Outputs(checks, events, matches, incidents, statuses);
    }

    /**
     * The whole job: the Kafka source, {@link #build}, the Postgres sinks and the status topic.
     *
     * @param statusTopic null for no status topic
     */
    public static Outputs wire(
            StreamExecutionEnvironment env,
            KafkaSource<RawRecord> source,
            RecordDecoder decoder,
            Settings settings,
            PostgresOptions postgres,
            String bootstrapServers,
            String statusTopic,
            Map<String, String> kafkaProperties) {
        DataStream<RawRecord> records =
                env.fromSource(source, Sources.watermarks(), "DataHub and pipeline topics")
                        .uid("kafka-source");
        Outputs outputs = build(records, decoder, settings);
        outputs.checks()
                .sinkTo(QualitySinks.checkResults(postgres))
                .uid("check-results-sink")
                .name("Postgres: check_results");
        outputs.incidents()
                .sinkTo(QualitySinks.incidents(postgres))
                .uid("incidents-sink")
                .name("Postgres: incidents");
        outputs.statuses()
                .sinkTo(QualitySinks.statuses(postgres))
                .uid("status-sink")
                .name("Postgres: dataset_status");
        if (statusTopic != null) {
            outputs.statuses()
                    .sinkTo(StatusTopicSink.create(bootstrapServers, statusTopic, kafkaProperties))
                    .uid("status-topic-sink")
                    .name("Kafka: " + statusTopic);
        }
        return outputs;
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
