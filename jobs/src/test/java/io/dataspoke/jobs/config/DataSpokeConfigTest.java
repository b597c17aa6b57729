package io.dataspoke.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.config.ConfigException;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSpokeConfigTest {

    private static final Path EXAMPLE =
            Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                    .resolve("config/dataspoke.example.yaml");

    @TempDir Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("dataspoke.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theShippedExampleIsValid() {
        Path example =
                Files.exists(EXAMPLE) ? EXAMPLE : Path.of("../config/dataspoke.example.yaml");
        DataSpokeConfig config = DataSpokeConfig.read(example);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-broker:9092");
        assertThat(config.kafka().topics().toTopics()).isEqualTo(Topics.DEFAULTS);
        assertThat(config.flink().checkpointIntervalDuration()).isEqualTo(Duration.ofSeconds(30));
        PostgresOptions options =
                config.postgresOptions(
                        example, Map.of("DATASPOKE_POSTGRES_PASSWORD", "from-env")::get);
        assertThat(options.password()).isEqualTo("from-env");
        assertThat(options.toString()).doesNotContain("from-env");
        // The example names the example rule file, which spells out every default.
        assertThat(config.healthRules(example)).isEqualTo(HealthRulesConfig.defaults());
    }

    @Test
    void digestsAndWriteBackResolveTheirSecretsFromTheEnvironment() throws IOException {
        Path example =
                Files.exists(EXAMPLE) ? EXAMPLE : Path.of("../config/dataspoke.example.yaml");
        DataSpokeConfig config = DataSpokeConfig.read(example);
        Map<String, String> env =
                Map.of(
                        "DATASPOKE_SLACK_WEBHOOK_URL",
                                "https://hooks.slack.com/services/T/B/secret",
                        "DATAHUB_GMS_TOKEN", "gms-secret");
        var digests = config.healthDigests(example, env::get);
        assertThat(digests.period()).isEqualTo(Duration.ofHours(24));
        assertThat(digests.slackWebhookUrl()).endsWith("/secret");
        assertThat(digests.toString()).doesNotContain("secret");
        var writeBack = config.healthWriteBack(example, env::get);
        assertThat(writeBack.token()).isEqualTo("gms-secret");
        assertThat(writeBack.toString()).doesNotContain("gms-secret");
        assertThatThrownBy(() -> config.healthDigests(example, name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health.digests.slackWebhookEnv")
                .hasMessageContaining("DATASPOKE_SLACK_WEBHOOK_URL is not set");
    }

    @Test
    void theExampleQualitySectionLoadsItsContractsAndResolvesEachRoutesWebhook() {
        Path example =
                Files.exists(EXAMPLE) ? EXAMPLE : Path.of("../config/dataspoke.example.yaml");
        DataSpokeConfig config = DataSpokeConfig.read(example);
        String orders =
                "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.commerce.fct_orders_dly,PROD)";
        String txn =
                "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.payments.fct_txn_dly,PROD)";
        var contracts = config.qualityContracts(example);
        assertThat(contracts.forDataset(orders))
                .extracting(c -> c.type().label())
                .containsExactly(
                        "row_count", "missing_percent", "invalid_percent", "freshness", "schema");
        assertThat(contracts.forDataset(txn)).hasSize(5);
        assertThat(config.quality().severity()).isEqualTo(io.dataspoke.quality.Severity.HIGH);
        assertThat(config.quality().anomalyModelPollDuration()).isEqualTo(Duration.ofSeconds(30));

        Map<String, String> env =
                Map.of(
                        "SLACK_WEBHOOK_PAYMENTS", "https://hooks.slack.com/services/T/P/pay-secret",
                        "DATASPOKE_SLACK_WEBHOOK_URL",
                                "https://hooks.slack.com/services/T/B/dq-secret");
        var alerts = config.qualityAlerts(example, env);
        assertThat(alerts.groupingWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(alerts.webhookByRoute()).containsOnlyKeys("payments-oncall", "data-quality");
        assertThat(alerts.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> config.qualityAlerts(example, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.routes[0].webhookEnv")
                .hasMessageContaining("SLACK_WEBHOOK_PAYMENTS is not set");
    }

    @Test
    void aQualityJobWithoutContractsStopsAtTheQualityKey() throws IOException {
        Path file =
                write(
                        "kafka: {bootstrapServers: \"h:1\"}\n"
                                + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n");
        DataSpokeConfig config = DataSpokeConfig.read(file);
        assertThatThrownBy(() -> config.qualityContracts(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quality: the quality-monitor job needs quality.contracts");
    }

    @Test
    void aMentionThatIsNotSlackSyntaxNamesItsKey() throws IOException {
        Path file =
                write(
                        "kafka: {bootstrapServers: \"h:1\"}\n"
                                + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n"
                                + "health:\n"
                                + "  digests:\n"
                                + "    mentions:\n"
                                + "      urn:li:corpuser:ana: \"@ana\"\n");
        assertThatThrownBy(() -> DataSpokeConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":5: health.digests.mentions")
                .hasMessageContaining("not a Slack mention");
    }

    @Test
    void anAnomalyModelPollThatIsNoDurationNamesItsLineAndKey() throws IOException {
        Path file =
                write(
                        "kafka: {bootstrapServers: \"h:1\"}\n"
                                + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n"
                                + "quality:\n"
                                + "  anomalyModelPoll: often\n");
        assertThatThrownBy(() -> DataSpokeConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":4: quality.anomalyModelPoll")
                .hasMessageContaining("got 'often'");
    }

    @Test
    void withoutARuleFileTheDefaultRulesApply() throws IOException {
        Path file =
                write(
                        "kafka: {bootstrapServers: \"h:1\"}\n"
                                + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n");
        assertThat(DataSpokeConfig.read(file).healthRules(file))
                .isEqualTo(HealthRulesConfig.defaults());
    }

    @Test
    void aMistakeInTheRuleFileNamesThatFile() throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), "rules:\n  pii:\n    weight: -1\n");
        Path file =
                write(
                        "kafka: {bootstrapServers: \"h:1\"}\n"
                                + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n"
                                + "health: {rules: rules.yaml}\n");
        DataSpokeConfig config = DataSpokeConfig.read(file);
        assertThatThrownBy(() -> config.healthRules(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("rules.yaml") + ":3: rules.pii.weight");
    }

    @Test
    void minimalConfigGetsDefaults() throws IOException {
        DataSpokeConfig config =
                DataSpokeConfig.read(
                        write(
                                """
                                kafka:
                                  bootstrapServers: localhost:9092
                                postgres:
                                  url: jdbc:postgresql://localhost:5432/ds
                                  user: ds
                                """));
        assertThat(config.kafka().groupId()).isEqualTo("dataspoke");
        assertThat(config.kafka().startingOffsets())
                .isEqualTo(DataSpokeConfig.StartingOffsets.committed);
        assertThat(config.flink().parallelism()).isEqualTo(1);
        assertThat(config.schemaRegistry().url()).isNull();
    }

    @Test
    void wrongPostgresUrlNamesFileLineAndKey() throws IOException {
        Path file =
                write(
                        """
                        kafka:
                          bootstrapServers: localhost:9092
                        postgres:
                          url: postgres://localhost/ds
                          user: ds
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        file
                                + ":4: postgres.url: expected jdbc:postgresql://host:port/db, got"
                                + " 'postgres://localhost/ds'");
    }

    @Test
    void missingSectionIsNamed() throws IOException {
        Path file = write("kafka:\n  bootstrapServers: localhost:9092\n");
        assertThatThrownBy(() -> DataSpokeConfig.read(file))
                .hasMessageContaining("postgres: required key is missing");
    }

    @Test
    void badBrokerListAndDurationAreExplained() throws IOException {
        Path brokers =
                write(
                        """
                        kafka:
                          bootstrapServers: localhost
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(brokers))
                .hasMessage(
                        brokers
                                + ":2: kafka.bootstrapServers: expected host:port[,host:port…], got"
                                + " 'localhost'");

        Path duration =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        flink:
                          checkpointInterval: often
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(duration))
                .hasMessage(
                        duration
                                + ":4: flink.checkpointInterval: expected a duration such as 30s or"
                                + " 1 min, got 'often'");
    }

    @Test
    void secretsInTheFileAreRefused() throws IOException {
        Path file =
                write(
                        """
                        kafka:
                          bootstrapServers: h:9092
                          properties:
                            ssl.keystore.password: hunter2
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(file))
                .hasMessageStartingWith(file + ":4: kafka.properties.ssl.keystore.password:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unsetPasswordVariableIsReportedAtItsKey() throws IOException {
        Path file =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres:
                          url: jdbc:postgresql://h:5432/d
                          user: u
                          passwordEnv: NOT_SET_ANYWHERE
                        """);
        DataSpokeConfig config = DataSpokeConfig.read(file);
        assertThatThrownBy(() -> config.postgresOptions(file, name -> null))
                .hasMessage(
                        file
                                + ":5: postgres.passwordEnv: environment variable NOT_SET_ANYWHERE"
                                + " is not set");
    }

    @Test
    void theExampleKnowledgeSectionNamesQdrantWithItsKeyFromTheEnvironment() {
        Path example =
                Files.exists(EXAMPLE) ? EXAMPLE : Path.of("../config/dataspoke.example.yaml");
        DataSpokeConfig config = DataSpokeConfig.read(example);

        var index = config.knowledgeIndex(example, Map.of("QDRANT_API_KEY", "q-secret")::get);

        assertThat(index).isInstanceOf(io.dataspoke.sinks.qdrant.QdrantOptions.class);
        var qdrant = (io.dataspoke.sinks.qdrant.QdrantOptions) index;
        assertThat(qdrant.host()).isEqualTo("qdrant.data.svc");
        assertThat(qdrant.apiKey()).isEqualTo("q-secret");
        assertThat(qdrant.toString()).doesNotContain("q-secret");
        assertThat(config.knowledge().maxWaitDuration()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> config.knowledgeIndex(example, name -> null))
                .hasMessageContaining("knowledge.qdrant.apiKeyEnv")
                .hasMessageContaining("QDRANT_API_KEY is not set");
    }

    @Test
    void theLocalIndexIsTheDefaultBesideTheConfigFile() throws IOException {
        Path file =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        """);

        var index = DataSpokeConfig.read(file).knowledgeIndex(file, name -> null);

        assertThat(index)
                .isEqualTo(
                        new io.dataspoke.sinks.qdrant.LocalIndexOptions(
                                dir.resolve("knowledge-index").toAbsolutePath().toString()));
    }

    @Test
    void knowledgeMistakesAreReportedAtTheirKeys() throws IOException {
        Path model =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        knowledge:
                          model: gpt-5
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(model))
                .hasMessageStartingWith(model + ":4: knowledge.model: unknown embedding model");
        Path qdrant =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        knowledge:
                          store: qdrant
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(qdrant))
                .hasMessageContaining("knowledge.qdrant")
                .hasMessageContaining("there is no qdrant section");
        Path wait =
                write(
                        """
                        kafka: {bootstrapServers: "h:1"}
                        postgres: {url: "jdbc:postgresql://h:5432/d", user: u}
                        knowledge:
                          maxWait: soon
                        """);
        assertThatThrownBy(() -> DataSpokeConfig.read(wait))
                .hasMessageStartingWith(wait + ":4: knowledge.maxWait: expected a duration");
    }
}
