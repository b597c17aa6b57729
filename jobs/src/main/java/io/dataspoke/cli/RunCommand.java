package io.dataspoke.cli;

import io.dataspoke.anomaly.training.TrainingRun;
import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.jobs.AnomalyTrainingJob;
import io.dataspoke.jobs.HealthJob;
import io.dataspoke.jobs.HealthRollupJob;
import io.dataspoke.jobs.IngestJob;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.KnowledgeSyncJob;
import io.dataspoke.jobs.QualityJob;
import io.dataspoke.jobs.Sources;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.sinks.datahub.DataHubSinkOptions;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.qdrant.VectorIndexFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataspoke run <job> --config <file>}: a job against real Kafka and Postgres (the rollup
 * and the training read only Postgres). Run with {@code java -jar} it starts a local Flink;
 * submitted with {@code flink run} it runs on that cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a job against the endpoints in a config file.")
final class RunCommand implements Callable<Integer> {

    /** The jobs that can be run, by the name the command line uses. */
    static final List<String> JOBS =
            List.of(
                    IngestJob.NAME,
                    HealthJob.NAME,
                    QualityJob.NAME,
                    HealthRollupJob.NAME,
                    AnomalyTrainingJob.NAME,
                    KnowledgeSyncJob.NAME);

    /** Lets picocli list the jobs in help and completion. */
    static final class JobNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return JOBS.iterator();
        }
    }

    @Parameters(
            index = "0",
            completionCandidates = JobNames.class,
            description = "Job to run: ${COMPLETION-CANDIDATES}.")
    String job;

    @Spec CommandSpec spec;

    @Option(
            names = "--from",
            description =
                    "health-rollup: first day (YYYY-MM-DD); default the first day of history."
                            + " anomaly-training: first day of history to learn from; default"
                            + " all of it.")
    LocalDate from;

    @Option(
            names = "--to",
            description =
                    "health-rollup: last day (YYYY-MM-DD); default the last day of history."
                            + " anomaly-training: last day of history to learn from; default"
                            + " up to now.")
    LocalDate to;

    @Option(
            names = "--config",
            required = true,
            description = "YAML config (see docs/configuration.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (!JOBS.contains(job)) {
            spec.commandLine()
                    .getErr()
                    .println("dataspoke: unknown job '" + job + "'; expected one of " + JOBS);
            return DataSpokeCli.BAD_USAGE;
        }
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        boolean health = job.equals(HealthJob.NAME);
        boolean quality = job.equals(QualityJob.NAME);
        // Contract and alert mistakes stop start-up before anything connects.
        ContractSet contracts = quality ? settings.qualityContracts(config) : null;
        QualityJob.Alerts alerts = quality ? settings.qualityAlerts(config, System.getenv()) : null;
        DataHubSinkOptions qualityWriteBack =
                quality ? settings.qualityWriteBack(config, System::getenv) : null;
        boolean knowledge = job.equals(KnowledgeSyncJob.NAME);
        HealthRulesConfig rules = health || knowledge ? settings.healthRules(config) : null;
        VectorIndexFactory index =
                knowledge ? settings.knowledgeIndex(config, System::getenv) : null;
        HealthJob.Digests digests = health ? settings.healthDigests(config, System::getenv) : null;
        DataHubSinkOptions writeBack =
                health ? settings.healthWriteBack(config, System::getenv) : null;
        PostgresOptions postgres = settings.postgresOptions(config, System::getenv);
        Migrations.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (job.equals(HealthRollupJob.NAME)) {
            // A batch job over the history in Postgres: no Kafka, no checkpoints.
            env.setParallelism(settings.flink().parallelism());
            HealthRollupJob.run(env, postgres, settings.health().teamByOwner(), from, to);
            return 0;
        }
        if (job.equals(AnomalyTrainingJob.NAME)) {
            // A batch job over the metric history in Postgres, like the rollup.
            env.setParallelism(settings.flink().parallelism());
            TrainingRun run = AnomalyTrainingJob.run(env, postgres, from, to);
            spec.commandLine()
                    .getOut()
                    .println("anomaly-training: models written as version " + run.version());
            return 0;
        }
        JobSettings.apply(
                env, settings.flink().checkpointIntervalDuration(), settings.flink().parallelism());
        DataSpokeConfig.Kafka kafka = settings.kafka();
        Topics topics = kafka.topics().toTopics();
        RecordDecoder decoder =
                new RecordDecoder(topics, new SchemaResolver(settings.schemaRegistry().url()));
        Sources.Start start = Sources.Start.valueOf(kafka.startingOffsets().name().toUpperCase());
        if (quality) {
            QualityJob.wire(
                    env,
                    Sources.kafka(
                            kafka.bootstrapServers(),
                            QualityJob.topics(topics),
                            kafka.groupId() + "-" + QualityJob.NAME,
                            start,
                            false,
                            kafka.properties()),
                    decoder,
                    QualityJob.Settings.of(
                                    contracts,
                                    settings.quality().severity(),
                                    settings.health().teamByOwner())
                            .withModelPoll(settings.quality().anomalyModelPollDuration()),
                    new QualityJob.Destinations(
                            postgres,
                            kafka.bootstrapServers(),
                            settings.quality().statusTopic(),
                            kafka.properties(),
                            alerts,
                            qualityWriteBack));
        } else if (knowledge) {
            KnowledgeSyncJob.wire(
                    env,
                    Sources.kafka(
                            kafka.bootstrapServers(),
                            List.of(topics.versioned()),
                            kafka.groupId() + "-" + KnowledgeSyncJob.NAME,
                            start,
                            false,
                            kafka.properties()),
                    decoder,
                    new KnowledgeSyncJob.Settings(
                            settings.knowledge().embeddingModel(),
                            settings.knowledge().batchSize(),
                            settings.knowledge().maxWaitDuration(),
                            settings.health().teamByOwner(),
                            rules.rules().pii()),
                    postgres,
                    settings.knowledge().qualityPollDuration(),
                    index);
        } else if (job.equals(IngestJob.NAME)) {
            IngestJob.wire(
                    env,
                    Sources.kafka(
                            kafka.bootstrapServers(),
                            topics,
                            kafka.groupId(),
                            start,
                            false,
                            kafka.properties()),
                    decoder,
                    postgres);
        } else {
            // Each job keeps its own offsets: the health job reads only the versioned change log.
            HealthJob.wire(
                    env,
                    Sources.kafka(
                            kafka.bootstrapServers(),
                            List.of(topics.versioned()),
                            kafka.groupId() + "-" + HealthJob.NAME,
                            start,
                            false,
                            kafka.properties()),
                    decoder,
                    rules,
                    postgres,
                    digests,
                    writeBack);
        }
        env.execute("dataspoke-" + job);
        return 0;
    }
}
