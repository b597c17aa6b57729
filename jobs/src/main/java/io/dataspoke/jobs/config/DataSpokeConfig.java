package io.dataspoke.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataspoke.config.ConfigProblem;
import io.dataspoke.config.Validated;
import io.dataspoke.config.YamlFiles;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.util.TimeUtils;

/**
 * What {@code dataspoke run <job> --config <file>} reads: where Kafka, the schema registry and
 * Postgres are, and how Flink runs the job. Secrets are never in this file: it names the
 * environment variable or file that holds them. Every key is documented in docs/configuration.md.
 */
public record DataSpokeConfig(
        @JsonProperty(required = true) Kafka kafka,
        SchemaRegistry schemaRegistry,
        @JsonProperty(required = true) Postgres postgres,
        Flink flink,
        Health health)
        implements Validated {

    public DataSpokeConfig {
        schemaRegistry = schemaRegistry == null ? new SchemaRegistry(null) : schemaRegistry;
        flink = flink == null ? new Flink(null, null) : flink;
        health = health == null ? new Health(null) : health;
    }

    /**
     * The documentation audit rules of the config read from {@code file}: the rule file it names
     * (relative to {@code file}'s directory), else the built-in defaults. A mistake in the rule
     * file is reported with that file's name, line and key.
     */
    public HealthRulesConfig healthRules(Path file) {
        if (health.rules() == null) {
            return HealthRulesConfig.defaults();
        }
        Path base = file.toAbsolutePath().getParent();
        return HealthRulesConfig.read(base.resolve(health.rules()));
    }

    /** Reads and validates a config file; a mistake throws a message naming file, line and key. */
    public static DataSpokeConfig read(Path file) {
        return YamlFiles.read(file, DataSpokeConfig.class);
    }

    /**
     * The Postgres options of the config read from {@code file}, the password resolved through
     * {@code environment}; a missing secret is reported at the key that names it.
     */
    public PostgresOptions postgresOptions(Path file, Function<String, String> environment) {
        try {
            return postgres.options(environment);
        } catch (ConfigProblem problem) {
            throw YamlFiles.locate(file, problem);
        }
    }

    @Override
    public void validate() {
        kafka.validate();
        postgres.validate();
        flink.validate();
        schemaRegistry.validate();
    }

    /** Kafka: the brokers, the consumer group and DataHub's topic names. */
    public record Kafka(
            @JsonProperty(required = true) String bootstrapServers,
            String groupId,
            StartingOffsets startingOffsets,
            TopicNames topics,
            Map<String, String> properties) {

        public Kafka {
            groupId = groupId == null ? "dataspoke" : groupId;
            startingOffsets = startingOffsets == null ? StartingOffsets.committed : startingOffsets;
            topics = topics == null ? new TopicNames(null, null, null, null, null) : topics;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        void validate() {
            if (bootstrapServers.isBlank()) {
                throw new ConfigProblem("kafka.bootstrapServers", "must name at least one broker");
            }
            for (String server : bootstrapServers.split(",")) {
                if (!server.trim().matches("[^:\\s]+:\\d+")) {
                    throw new ConfigProblem(
                            "kafka.bootstrapServers",
                            "expected host:port[,host:port…], got '" + bootstrapServers + "'");
                }
            }
            for (String key : properties.keySet()) {
                if (key.contains("password") || key.contains("sasl.jaas.config")) {
                    throw new ConfigProblem(
                            "kafka.properties." + key,
                            "secrets do not belong in the config file; set them through the"
                                    + " environment (see docs/configuration.md)");
                }
            }
        }
    }

    /** Where a consumer group without committed offsets starts. */
    public enum StartingOffsets {
        /** committed offsets, else the earliest */
        committed,
        earliest,
        latest
    }

    /** DataHub's topic names, its defaults unless set. */
    public record TopicNames(
            String versioned,
            String timeseries,
            String platformEvents,
            String openLineage,
            String queryLogs) {

        /** The topics, defaults filled in. */
        public Topics toTopics() {
            Topics d = Topics.DEFAULTS;
            return new Topics(
                    versioned == null ? d.versioned() : versioned,
                    timeseries == null ? d.timeseries() : timeseries,
                    platformEvents == null ? d.platformEvents() : platformEvents,
                    openLineage == null ? d.openLineage() : openLineage,
                    queryLogs == null ? d.queryLogs() : queryLogs);
        }
    }

    /**
     * A Confluent-compatible schema registry, e.g. DataHub's at {@code <gms>/schema-registry/api/}.
     */
    public record SchemaRegistry(String url) {
        void validate() {
            if (url != null && !url.matches("https?://.+")) {
                throw new ConfigProblem(
                        "schemaRegistry.url", "expected an http(s):// URL, got '" + url + "'");
            }
        }
    }

    /** DataSpoke's own Postgres; the password comes from an environment variable or a file. */
    public record Postgres(
            @JsonProperty(required = true) String url,
            @JsonProperty(required = true) String user,
            String passwordEnv,
            String passwordFile) {

        void validate() {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new ConfigProblem(
                        "postgres.url",
                        "expected jdbc:postgresql://host:port/db, got '" + url + "'");
            }
            if (passwordEnv != null && passwordFile != null) {
                throw new ConfigProblem(
                        "postgres.passwordFile",
                        "set either passwordEnv or passwordFile, not both");
            }
        }

        /** Connection options with the password resolved from the environment or file. */
        public PostgresOptions options(Function<String, String> environment) {
            String password = null;
            if (passwordEnv != null) {
                password = environment.apply(passwordEnv);
                if (password == null) {
                    throw new ConfigProblem(
                            "postgres.passwordEnv",
                            "environment variable " + passwordEnv + " is not set");
                }
            } else if (passwordFile != null) {
                try {
                    password = Files.readString(Path.of(passwordFile)).strip();
                } catch (IOException e) {
                    throw new ConfigProblem(
                            "postgres.passwordFile", "cannot read " + passwordFile + ": " + e);
                }
            }
            return new PostgresOptions(url, user, password);
        }
    }

    /** The metadata-health job: where its rule file is. */
    public record Health(String rules) {}

    /** How Flink runs the job. */
    public record Flink(Integer parallelism, String checkpointInterval) {

        public Flink {
            parallelism = parallelism == null ? 1 : parallelism;
            checkpointInterval = checkpointInterval == null ? "30s" : checkpointInterval;
        }

        void validate() {
            if (parallelism < 1) {
                throw new ConfigProblem("flink.parallelism", "must be at least 1");
            }
            checkpointIntervalDuration();
        }

        /** The checkpoint interval; accepts Flink's duration syntax (30s, 1 min, 500 ms). */
        public Duration checkpointIntervalDuration() {
            try {
                return TimeUtils.parseDuration(checkpointInterval);
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(
                        "flink.checkpointInterval",
                        "expected a duration such as 30s or 1 min, got '"
                                + checkpointInterval
                                + "'");
            }
        }
    }
}
