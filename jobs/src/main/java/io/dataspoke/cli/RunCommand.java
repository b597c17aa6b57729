package io.dataspoke.cli;

import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.jobs.IngestJob;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.Sources;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dataspoke run <job> --config <file>}: a streaming job against real Kafka and Postgres. Run
 * with {@code java -jar} it starts a local Flink; submitted with {@code flink run} it runs on that
 * cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a job against the endpoints in a config file.")
final class RunCommand implements Callable<Integer> {

    /** The jobs that can be run. */
    enum Job {
        ingest
    }

    @Parameters(index = "0", description = "Job to run: ${COMPLETION-CANDIDATES}.")
    Job job;

    @Option(
            names = "--config",
            required = true,
            description = "YAML config (see docs/configuration.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        PostgresOptions postgres = settings.postgresOptions(config, System::getenv);
        Migrations.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(
                env, settings.flink().checkpointIntervalDuration(), settings.flink().parallelism());
        DataSpokeConfig.Kafka kafka = settings.kafka();
        var topics = kafka.topics().toTopics();
        IngestJob.wire(
                env,
                Sources.kafka(
                        kafka.bootstrapServers(),
                        topics,
                        kafka.groupId(),
                        Sources.Start.valueOf(kafka.startingOffsets().name().toUpperCase()),
                        false,
                        kafka.properties()),
                new RecordDecoder(topics, new SchemaResolver(settings.schemaRegistry().url())),
                postgres);
        env.execute("dataspoke-" + job);
        return 0;
    }
}
