package io.dataspoke.jobs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataspoke.config.ConfigProblem;
import io.dataspoke.config.Validated;
import io.dataspoke.config.YamlFiles;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.jobs.HealthJob;
import io.dataspoke.jobs.QualityJob;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertsConfig;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.contract.Contracts;
import io.dataspoke.sinks.datahub.DataHubSinkOptions;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.qdrant.LocalIndexOptions;
import io.dataspoke.sinks.qdrant.QdrantOptions;
import io.dataspoke.sinks.qdrant.VectorIndexFactory;
import io.dataspoke.sinks.slack.DigestMessages;
import io.dataspoke.sinks.slack.SlackWebhookUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
        Health health,
        Quality quality,
        AlertsConfig alerts,
        Knowledge knowledge)
        implements Validated {

    public DataSpokeConfig {
        schemaRegistry = schemaRegistry == null ? new SchemaRegistry(null) : schemaRegistry;
        flink = flink == null ? new Flink(null, null) : flink;
        health = health == null ? new Health(null, null, null, null) : health;
        quality = quality == null ? new Quality(null, null, null, null, null, null) : quality;
        knowledge =
                knowledge == null
                        ? new Knowledge(null, null, null, null, null, null, null)
                        : knowledge;
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
        health.validate();
        quality.validate();
        knowledge.validate();
        if (alerts != null) {
            alerts.validate();
        }
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

    /**
     * The metadata-health job: its rule file, owner digests and the write-back to DataHub. Digests
     * and write-back are off unless their sections are present.
     */
    public record Health(
            String rules, Digests digests, WriteBack writeBack, Map<String, List<String>> teams) {

        public Health {
            teams = teams == null ? Map.of() : Map.copyOf(teams);
        }

        /** Owner URN to team name, from {@code teams} (team name to its owner URNs). */
        public Map<String, String> teamByOwner() {
            Map<String, String> byOwner = new java.util.HashMap<>();
            teams.forEach((team, owners) -> owners.forEach(owner -> byOwner.put(owner, team)));
            return Map.copyOf(byOwner);
        }

        void validate() {
            Map<String, String> seen = new java.util.HashMap<>();
            teams.forEach(
                    (team, owners) -> {
                        for (String owner : owners == null ? List.<String>of() : owners) {
                            if (!owner.startsWith("urn:li:corpuser:")
                                    && !owner.startsWith("urn:li:corpGroup:")) {
                                throw new ConfigProblem(
                                        "health.teams." + team,
                                        "'" + owner + "' is not a user or group URN");
                            }
                            String other = seen.put(owner, team);
                            if (other != null && !other.equals(team)) {
                                throw new ConfigProblem(
                                        "health.teams." + team,
                                        owner + " is already in team " + other);
                            }
                        }
                    });
            if (digests != null) {
                digests.validate();
            }
            if (writeBack != null) {
                writeBack.validate("health.writeBack");
            }
        }
    }

    /**
     * Owner digests: every {@code period}, each owner's datasets that need work, to Slack when the
     * webhook variable is set.
     */
    public record Digests(
            String period,
            Integer maxDatasets,
            String slackWebhookEnv,
            Map<String, String> mentions,
            String datahubWebUrl) {

        public Digests {
            period = period == null ? "24h" : period;
            maxDatasets = maxDatasets == null ? 10 : maxDatasets;
            mentions = mentions == null ? Map.of() : Map.copyOf(mentions);
        }

        void validate() {
            periodDuration();
            if (maxDatasets < 1 || maxDatasets > 20) {
                throw new ConfigProblem(
                        "health.digests.maxDatasets",
                        "must be between 1 and 20 (one Slack message holds about 20)");
            }
            mentions.forEach(
                    (owner, mention) -> {
                        if (!DigestMessages.MENTION.matcher(mention).matches()) {
                            throw new ConfigProblem(
                                    "health.digests.mentions",
                                    "'"
                                            + mention
                                            + "' for "
                                            + owner
                                            + " is not a Slack mention; expected <@U…>, <#C…>"
                                            + " or <!subteam^S…>");
                        }
                    });
            if (datahubWebUrl != null && !datahubWebUrl.matches("https?://\\S+")) {
                throw new ConfigProblem(
                        "health.digests.datahubWebUrl",
                        "expected an http(s):// URL, got '" + datahubWebUrl + "'");
            }
        }

        /** The digest period. */
        public Duration periodDuration() {
            try {
                Duration d = TimeUtils.parseDuration(period);
                if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                    throw new ConfigProblem(
                            "health.digests.period", "must be at least 1 min, got " + period);
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(
                        "health.digests.period",
                        "expected a duration such as 24h or 7d, got '" + period + "'");
            }
        }

        /** The job's digest settings, the webhook URL resolved from the environment. */
        public HealthJob.Digests resolve(Function<String, String> environment) {
            String webhook = null;
            if (slackWebhookEnv != null) {
                webhook = environment.apply(slackWebhookEnv);
                if (webhook == null || webhook.isBlank()) {
                    throw new ConfigProblem(
                            "health.digests.slackWebhookEnv",
                            "environment variable " + slackWebhookEnv + " is not set");
                }
            }
            return new HealthJob.Digests(
                    periodDuration(), maxDatasets, webhook, mentions, datahubWebUrl);
        }
    }

    /** Writing each dataset's score to DataHub (GMS's REST API); the token from the environment. */
    public record WriteBack(@JsonProperty(required = true) String gmsUrl, String tokenEnv) {

        void validate(String key) {
            if (!gmsUrl.matches("https?://[^\\s@]+")) {
                throw new ConfigProblem(
                        key + ".gmsUrl",
                        "expected an http(s):// URL without credentials, got '" + gmsUrl + "'");
            }
        }

        /** The sink options, the token resolved from the environment when a variable is named. */
        public DataHubSinkOptions resolve(Function<String, String> environment, String key) {
            if (tokenEnv == null) {
                return DataHubSinkOptions.withoutToken(gmsUrl);
            }
            String token = environment.apply(tokenEnv);
            if (token == null || token.isBlank()) {
                throw new ConfigProblem(
                        key + ".tokenEnv", "environment variable " + tokenEnv + " is not set");
            }
            return new DataHubSinkOptions(gmsUrl, token);
        }
    }

    /** The digest settings of the config read from {@code file}, null when digests are off. */
    public HealthJob.Digests healthDigests(Path file, Function<String, String> environment) {
        if (health.digests() == null) {
            return null;
        }
        try {
            return health.digests().resolve(environment);
        } catch (ConfigProblem problem) {
            throw YamlFiles.locate(file, problem);
        }
    }

    /** The DataHub write-back options of the config read from {@code file}, null when off. */
    public DataHubSinkOptions healthWriteBack(Path file, Function<String, String> environment) {
        if (health.writeBack() == null) {
            return null;
        }
        try {
            return health.writeBack().resolve(environment, "health.writeBack");
        } catch (ConfigProblem problem) {
            throw YamlFiles.locate(file, problem);
        }
    }

    /**
     * The quality-monitor job: where the data contracts are, the status topic, which incidents
     * block a dataset, and the write-back of check results and incidents to DataHub (off unless its
     * section is present). Slack alerts are the top-level {@code alerts} section.
     *
     * @param contracts a contract file or a directory of them, relative to the config file
     * @param blockAt incidents of this severity and above block their datasets
     * @param datahubWebUrl DataHub's web URL for links in alerts, null for none
     * @param anomalyModelPoll how often the running job looks for newly trained anomaly models (a
     *     Flink duration: {@code 30s}, {@code 5m}); default 30 s
     */
    public record Quality(
            String contracts,
            String statusTopic,
            String blockAt,
            WriteBack writeBack,
            String datahubWebUrl,
            String anomalyModelPoll) {

        public static final String DEFAULT_STATUS_TOPIC = "dataspoke.dataset-status";

        public Quality {
            statusTopic = statusTopic == null ? DEFAULT_STATUS_TOPIC : statusTopic;
            blockAt = blockAt == null ? "high" : blockAt;
            anomalyModelPoll = anomalyModelPoll == null ? "30s" : anomalyModelPoll;
        }

        void validate() {
            severity();
            anomalyModelPollDuration();
            if (statusTopic.isBlank() || !statusTopic.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigProblem(
                        "quality.statusTopic",
                        "expected a Kafka topic name, got '" + statusTopic + "'");
            }
            if (writeBack != null) {
                writeBack.validate("quality.writeBack");
            }
        }

        /** {@link #anomalyModelPoll} as a duration, at least a second. */
        public Duration anomalyModelPollDuration() {
            try {
                Duration d = TimeUtils.parseDuration(anomalyModelPoll);
                if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new IllegalArgumentException("shorter than a second");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(
                        "quality.anomalyModelPoll",
                        "expected a duration of at least 1s such as 30s or 5m, got '"
                                + anomalyModelPoll
                                + "'");
            }
        }

        /** {@link #blockAt} as a severity. */
        public Severity severity() {
            try {
                return Severity.valueOf(blockAt.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(
                        "quality.blockAt",
                        "expected low, medium, high or critical, got '" + blockAt + "'");
            }
        }
    }

    /**
     * The data contracts named by {@code quality.contracts} of the config read from {@code file}. A
     * missing setting is reported at {@code quality}; a mistake in a contract with that contract's
     * file, line and field.
     */
    public ContractSet qualityContracts(Path file) {
        if (quality.contracts() == null) {
            throw YamlFiles.locate(
                    file,
                    new ConfigProblem(
                            "quality",
                            "the quality-monitor job needs quality.contracts: a contract file or"
                                    + " a directory of them"));
        }
        Path base = file.toAbsolutePath().getParent();
        return Contracts.load(base.resolve(quality.contracts()));
    }

    /** The DataHub write-back of quality results, null when off. */
    public DataHubSinkOptions qualityWriteBack(Path file, Function<String, String> environment) {
        if (quality.writeBack() == null) {
            return null;
        }
        try {
            return quality.writeBack().resolve(environment, "quality.writeBack");
        } catch (ConfigProblem problem) {
            throw YamlFiles.locate(file, problem);
        }
    }

    /**
     * The Slack alerts of the quality monitor from the config read from {@code file}, each route's
     * webhook URL resolved from the environment variable it names; null without an {@code alerts}
     * section. A config file that holds a webhook URL itself is refused.
     */
    public QualityJob.Alerts qualityAlerts(Path file, Map<String, String> environment) {
        if (alerts == null) {
            return null;
        }
        AlertsConfig.refuseWebhookUrls(file);
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (int i = 0; i < alerts.routes().size(); i++) {
            AlertsConfig.Route route = alerts.routes().get(i);
            try {
                urls.put(
                        route.name(),
                        SlackWebhookUrl.fromEnvironment(environment, route.webhookEnv()));
            } catch (IllegalArgumentException e) {
                throw YamlFiles.locate(
                        file,
                        new ConfigProblem("alerts.routes[" + i + "].webhookEnv", e.getMessage()));
            }
        }
        return new QualityJob.Alerts(
                alerts.groupingWindowDuration(), alerts.routing(), urls, quality.datahubWebUrl());
    }

    /**
     * The knowledge base: where the vector index is, which embedding model fills it, and how the
     * knowledge-sync job batches its work.
     *
     * @param store {@code local} (the embedded index in {@code path}; the default) or {@code
     *     qdrant}
     * @param path the local index's directory, relative to the config file; default {@code
     *     knowledge-index}
     * @param model {@code all-minilm-l6-v2} (default) or {@code bge-small-en-v1.5}
     * @param batchSize documents embedded per batch; default 32
     * @param maxWait how long a document may wait for its batch to fill; default 500 ms
     * @param qualityPoll how often health scores and statuses are read from Postgres; default 30 s
     */
    public record Knowledge(
            String store,
            String path,
            QdrantConfig qdrant,
            String model,
            Integer batchSize,
            String maxWait,
            String qualityPoll) {

        public Knowledge {
            store = store == null ? "local" : store;
            path = path == null ? "knowledge-index" : path;
            model = model == null ? EmbeddingModel.ALL_MINILM_L6_V2.id() : model;
            batchSize = batchSize == null ? 32 : batchSize;
            maxWait = maxWait == null ? "500ms" : maxWait;
            qualityPoll = qualityPoll == null ? "30s" : qualityPoll;
        }

        void validate() {
            if (!store.equals("local") && !store.equals("qdrant")) {
                throw new ConfigProblem(
                        "knowledge.store", "expected local or qdrant, got '" + store + "'");
            }
            if (store.equals("qdrant") && qdrant == null) {
                throw new ConfigProblem(
                        "knowledge.qdrant",
                        "knowledge.store is qdrant but there is no qdrant section");
            }
            if (qdrant != null) {
                qdrant.validate();
            }
            embeddingModel();
            if (batchSize < 1 || batchSize > 1024) {
                throw new ConfigProblem(
                        "knowledge.batchSize", "expected 1 to 1024, got " + batchSize);
            }
            duration("knowledge.maxWait", maxWait, Duration.ofMillis(1));
            duration("knowledge.qualityPoll", qualityPoll, Duration.ofSeconds(1));
        }

        public EmbeddingModel embeddingModel() {
            try {
                return EmbeddingModel.of(model);
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem("knowledge.model", e.getMessage());
            }
        }

        public Duration maxWaitDuration() {
            return duration("knowledge.maxWait", maxWait, Duration.ofMillis(1));
        }

        public Duration qualityPollDuration() {
            return duration("knowledge.qualityPoll", qualityPoll, Duration.ofSeconds(1));
        }

        private static Duration duration(String key, String value, Duration least) {
            try {
                Duration d = TimeUtils.parseDuration(value);
                if (d.compareTo(least) < 0) {
                    throw new IllegalArgumentException("too short");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(
                        key,
                        "expected a duration of at least "
                                + TimeUtils.formatWithHighestUnit(least)
                                + " such as 500ms or 30s, got '"
                                + value
                                + "'");
            }
        }
    }

    /**
     * A Qdrant collection reached over gRPC; its API key, when it needs one, comes from the
     * environment variable {@code apiKeyEnv}, never from this file.
     */
    public record QdrantConfig(
            String host, Integer port, Boolean tls, String collection, String apiKeyEnv) {

        public QdrantConfig {
            port = port == null ? QdrantOptions.DEFAULT_GRPC_PORT : port;
            tls = tls != null && tls;
            collection = collection == null ? "dataspoke" : collection;
        }

        void validate() {
            if (host == null || host.isBlank()) {
                throw new ConfigProblem("knowledge.qdrant.host", "the Qdrant host is missing");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigProblem("knowledge.qdrant.port", "expected a port, got " + port);
            }
        }
    }

    /**
     * The vector index the config names: the local directory (relative to the config file {@code
     * file}) or the Qdrant collection, its API key read from the environment.
     */
    public VectorIndexFactory knowledgeIndex(Path file, Function<String, String> environment) {
        if (knowledge.store().equals("local")) {
            return new LocalIndexOptions(
                    file.toAbsolutePath().getParent().resolve(knowledge.path()).toString());
        }
        QdrantConfig q = knowledge.qdrant();
        String apiKey = null;
        if (q.apiKeyEnv() != null) {
            apiKey = environment.apply(q.apiKeyEnv());
            if (apiKey == null || apiKey.isBlank()) {
                throw YamlFiles.locate(
                        file,
                        new ConfigProblem(
                                "knowledge.qdrant.apiKeyEnv",
                                "environment variable " + q.apiKeyEnv() + " is not set"));
            }
        }
        return new QdrantOptions(
                q.host(), q.port(), q.tls(), apiKey, q.collection(), Duration.ofSeconds(30));
    }

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
