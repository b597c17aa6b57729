package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.cli.DataSpokeCli;
import io.dataspoke.db.Migrations;
import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.Topics;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertRoute;
import io.dataspoke.quality.alert.AlertRouting;
import io.dataspoke.quality.contract.Contracts;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality-monitor job live on the embedded stack (Kafka, Postgres, Flink) with its contract
 * files, the status topic and Slack alerts to the in-process {@link LocalSlackWebhook}, which
 * speaks Slack's incoming-webhook protocol over HTTP. A source table loses a column a minute after
 * it was ingested: its circuit breaker goes to BLOCK in Postgres and on the status topic, {@code
 * dataspoke status} exits non-zero for it (and zero for an untouched table), and one incident alert
 * reaches Slack although the sources are idle afterwards (the processing-time paths, not the
 * watermark, carry a live incident out). knowledge-sync runs beside it into the embedded vector
 * index: {@code dataspoke verify} blocks the broken table with its incident and offers the healthy
 * one, and {@code dataspoke search} ranks the broken table lower and says why. Both jobs' metrics
 * are scraped from the Prometheus endpoint the cluster configuration sets up.
 */
class QualityMonitorITCase {

    private static final Topics TOPICS =
            new Topics("qm.mcl", "qm.mcl-ts", "qm.platform", "qm.openlineage", "qm.queries");
    private static final String STATUS_TOPIC = "qm.status";
    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final String CUSTOMERS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.customers,PROD)";
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static LocalSlackWebhook slack;
    private static PostgresTables tables;
    private static Path config;
    private static JobID job;
    private static JobID knowledgeJob;
    private static int prometheusPort;

    @BeforeAll
    static void runTheJob() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(workDir)
                                .withWebPort(0)
                                .withSlots(4)
                                .withPrometheusPort(prometheusPort = freePort()));
        stack.kafka().createTopics(TOPICS.all(), 2);
        stack.kafka().createTopics(List.of(STATUS_TOPIC), 1);
        slack = LocalSlackWebhook.start();
        String url = stack.postgres().createDatabase("quality_it");
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        PostgresOptions postgres =
                new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
        tables = new PostgresTables(url, postgres.user(), postgres.password());

        Path contracts = Files.createDirectories(workDir.resolve("contracts"));
        Files.writeString(
                contracts.resolve("sales.yaml"),
                """
                # The sales tables must keep their columns.
                datasets: [sales.orders, sales.customers]
                severity: high
                checks:
                  - schema
                """);
        Path password = workDir.resolve("pg-password");
        Files.writeString(password, postgres.password());
        config = workDir.resolve("dataspoke.yaml");
        Files.writeString(
                config,
                "kafka: {bootstrapServers: \""
                        + stack.kafka().bootstrapServers()
                        + "\"}\n"
                        + "postgres: {url: \""
                        + url
                        + "\", user: "
                        + postgres.user()
                        + ", passwordFile: "
                        + password
                        + "}\n"
                        + "quality: {contracts: contracts}\n"
                        + "knowledge: {path: knowledge-index}\n");

        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 2);
        QualityJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        TOPICS,
                        "quality-it",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                QualityJob.Settings.defaults(Contracts.load(contracts)),
                new QualityJob.Destinations(
                        postgres,
                        stack.kafka().bootstrapServers(),
                        STATUS_TOPIC,
                        Map.of(),
                        new QualityJob.Alerts(
                                Duration.ofSeconds(2),
                                new AlertRouting(
                                        List.of(
                                                new AlertRoute(
                                                        "sales", null, null, Severity.LOW, "X")),
                                        null),
                                Map.of("sales", slack.url()),
                                null),
                        null));
        job = stack.flink().submit(env, "quality-it");

        StreamExecutionEnvironment knowledgeEnv = stack.flink().environment();
        JobSettings.apply(knowledgeEnv, Duration.ofSeconds(1), 2);
        KnowledgeSyncJob.wire(
                knowledgeEnv,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(TOPICS.versioned()),
                        "knowledge-it",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                KnowledgeSyncJob.Settings.defaults(),
                postgres,
                Duration.ofSeconds(1),
                new io.dataspoke.sinks.qdrant.LocalIndexOptions(
                        workDir.resolve("knowledge-index").toString()));
        knowledgeJob = stack.flink().submit(knowledgeEnv, "knowledge-it");

        long now = System.currentTimeMillis();
        DataHubAvroEncoder encoder = new DataHubAvroEncoder();
        List<DemoRecord> records = new ArrayList<>();
        records.add(schema(encoder, CUSTOMERS, now - 120_000, "id", "email"));
        records.add(schema(encoder, ORDERS, now - 120_000, "id", "amount", "customer_id"));
        records.add(schema(encoder, ORDERS, now - 60_000, "id", "customer_id"));
        new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});

        await(
                () -> count("SELECT count(*) FROM dataset_status WHERE status = 'BLOCK'") == 1,
                "sales.orders blocked in dataset_status");
        await(() -> !incidentAlerts().isEmpty(), "an incident alert in Slack");
        await(
                () -> {
                    try (var index =
                            io.dataspoke.knowledge.index.LocalVectorIndex.reader(
                                    workDir.resolve("knowledge-index"))) {
                        return index.count() == 2
                                && index.payload(io.dataspoke.knowledge.index.PointIds.of(ORDERS))
                                        .map(p -> "BLOCK".equals(p.qualityStatus()))
                                        .orElse(false);
                    } catch (java.io.IOException e) {
                        return false;
                    }
                },
                "both tables in the vector index, sales.orders as BLOCK");
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            stack.flink().cancel(job);
        }
        if (knowledgeJob != null) {
            stack.flink().cancel(knowledgeJob);
        }
        if (slack != null) {
            slack.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void statusOfTheBlockedTableExitsNonZeroWithTheReason() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = cli(out, "status", "sales.orders", "--config", config.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(3);
        assertThat(printed).startsWith("BLOCK  " + ORDERS).contains("column amount was removed");
    }

    @Test
    void statusOfAnUntouchedTableIsPassAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(cli(out, "status", CUSTOMERS, "--config", config.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("PASS  " + CUSTOMERS);
    }

    @Test
    void anUnknownTableIsAnErrorNotAPass() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(cli(out, "status", "sales.nothing", "--config", config.toString()))
                .isEqualTo(DataSpokeCli.FAILED);
    }

    @Test
    void verifyBlocksTheBrokenTableWithItsIncidentAndOffersTheHealthyOne() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = cli(out, "verify", "sales.orders", "--config", config.toString());
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed).isEqualTo(3);
        JsonNode verdict = JSON.readTree(printed);
        assertThat(verdict.get("urn").asText()).isEqualTo(ORDERS);
        assertThat(verdict.get("status").asText()).isEqualTo("BLOCK");
        List<String> kinds = new ArrayList<>();
        verdict.get("issues").forEach(i -> kinds.add(i.get("kind").asText()));
        assertThat(kinds).contains("status", "incident");
        assertThat(verdict.toString()).contains("amount");
        assertThat(verdict.at("/alternatives/0/urn").asText()).isEqualTo(CUSTOMERS);
        assertThat(verdict.at("/alternatives/0/status").asText()).isEqualTo("PASS");

        ByteArrayOutputStream healthy = new ByteArrayOutputStream();
        assertThat(cli(healthy, "verify", CUSTOMERS, "--config", config.toString())).isZero();
        assertThat(JSON.readTree(healthy.toString(StandardCharsets.UTF_8)).get("status").asText())
                .isEqualTo("PASS");
    }

    @Test
    void searchRanksTheBlockedTableLowerAndSaysWhy() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = cli(out, "search", "sales orders", "--config", config.toString(), "--json");
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed).isZero();
        JsonNode results = JSON.readTree(printed);
        JsonNode orders = null;
        for (JsonNode r : results) {
            if (r.at("/dataset/urn").asText().equals(ORDERS)) {
                orders = r;
            }
        }
        assertThat(orders).as(printed).isNotNull();
        assertThat(orders.get("cautions").toString()).contains("quality status BLOCK");
        assertThat(orders.get("demotedBy").asInt()).isEqualTo(3);
        assertThat(orders.get("matched").toString()).contains("name: sales, orders");
    }

    @Test
    void theDashboardMetricsAreOnThePrometheusEndpoint() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + prometheusPort + "/");
        // Counters reach the endpoint when the reporter next reads them: poll, do not sleep.
        String[] wanted = {
            "eventsIn",
            "deadLetters",
            "incidentsOpened",
            "incidentsResolved",
            "slackMessagesSent",
            "slackRetries",
            "anomalyModelAgeSeconds",
            "anomalyForestFits",
            "documentsEmbedded",
            "embeddingBacklog",
            "vectorIndexRetries",
            "pendingRecords"
        };
        String[] scraped = {""};
        await(
                () -> {
                    try {
                        scraped[0] =
                                http.send(
                                                java.net.http.HttpRequest.newBuilder(uri).build(),
                                                java.net.http.HttpResponse.BodyHandlers.ofString())
                                        .body();
                    } catch (Exception e) {
                        return false;
                    }
                    return java.util.Arrays.stream(wanted).allMatch(scraped[0]::contains)
                            && value(scraped[0], "incidentsOpened") >= 1
                            && value(scraped[0], "slackMessagesSent") >= 1
                            && value(scraped[0], "documentsEmbedded") >= 2;
                },
                "every dashboard metric on the Prometheus endpoint");
        assertThat(value(scraped[0], "eventsIn")).isGreaterThanOrEqualTo(3);
        assertThat(scraped[0]).contains("kind=\"");
    }

    /** The sum over subtasks of every sample whose metric name ends with {@code name}. */
    private static double value(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            String metric =
                    brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
            if (metric.endsWith("_" + name)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theStatusTopicCarriesTheSameVerdict() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli(out, "status", ORDERS, "--json", "--config", config.toString());
        JsonNode printed = JSON.readTree(out.toString(StandardCharsets.UTF_8));

        Map<String, JsonNode> latest = statusTopic();
        assertThat(latest).containsKey(ORDERS).doesNotContainKey(CUSTOMERS);
        JsonNode published = latest.get(ORDERS);
        assertThat(published.get("status").asText()).isEqualTo("BLOCK");
        assertThat(published.get("reasons")).isEqualTo(printed.get("reasons"));
        assertThat(published.get("since")).isEqualTo(printed.get("since"));
    }

    @Test
    void oneIncidentAlertNamesTheColumnAndTheTable() throws Exception {
        List<String> alerts = incidentAlerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("amount").contains("sales.orders").contains("HIGH");
        assertThat(count("SELECT count(*) FROM incidents WHERE state = 'OPEN'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM check_results WHERE outcome = 'FAIL'")).isEqualTo(1);
    }

    private static DemoRecord schema(
            DataHubAvroEncoder encoder, String urn, long millis, String... columns) {
        StringBuilder fields = new StringBuilder();
        for (String column : columns) {
            if (fields.length() > 0) {
                fields.append(',');
            }
            fields.append("{\"fieldPath\":\"")
                    .append(column)
                    .append("\",\"nativeDataType\":\"string\",\"type\":{\"type\":")
                    .append("{\"com.linkedin.schema.StringType\":{}}},\"nullable\":true,")
                    .append("\"recursive\":false,\"isPartOfKey\":false}");
        }
        String aspect =
                "{\"schemaName\":\"t\",\"platform\":\"urn:li:dataPlatform:hive\","
                    + "\"version\":0,\"created\":{\"time\":0,\"actor\":\"urn:li:corpuser:etl\"},"
                    + "\"lastModified\":{\"time\":0,\"actor\":\"urn:li:corpuser:etl\"},"
                    + "\"hash\":\"\",\"platformSchema\":{\"com.linkedin.schema.MySqlDDL\":"
                    + "{\"tableSchema\":\"\"}},\"fields\":["
                        + fields
                        + "]}";
        MetadataChange change =
                new MetadataChange(
                        urn,
                        "dataset",
                        "schemaMetadata",
                        "UPSERT",
                        aspect,
                        null,
                        millis,
                        null,
                        false);
        return new DemoRecord(
                TOPICS.versioned(),
                urn.getBytes(StandardCharsets.UTF_8),
                encoder.encode(change),
                millis);
    }

    private static List<String> incidentAlerts() {
        List<String> texts = new ArrayList<>();
        for (String message : slack.messages()) {
            try {
                String text = JSON.readTree(message).path("text").asText();
                if (text.contains("(incident inc-")) {
                    texts.add(text);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    private static Map<String, JsonNode> statusTopic() throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "status-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, JsonNode> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(STATUS_TOPIC));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!latest.containsKey(ORDERS) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), JSON.readTree(r.value()));
                }
            }
        }
        return latest;
    }

    private static long count(String sql) {
        try {
            return tables.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int cli(ByteArrayOutputStream out, String... args) {
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return DataSpokeCli.execute(args);
        } finally {
            System.setOut(previous);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE);
            }
            Thread.sleep(100);
        }
    }
}
