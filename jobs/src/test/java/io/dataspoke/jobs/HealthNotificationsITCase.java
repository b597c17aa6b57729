package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.sinks.datahub.DataHubSinkOptions;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata-health job with its notifications on: owner digests to a Slack webhook and the score
 * written back to DataHub. Slack is the in-process {@link LocalSlackWebhook} and GMS a loopback
 * HTTP server answering {@code /aspects?action=ingestProposal} as GMS does; both speak the real
 * protocols over HTTP. The job runs unbounded (digests are processing-time timers, which a finished
 * bounded job never fires) with a one-second digest period.
 */
class HealthNotificationsITCase {

    private static final Topics TOPICS =
            new Topics("hn.mcl", "hn.mcl-ts", "hn.platform", "hn.openlineage", "hn.queries");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static LocalSlackWebhook slack;
    private static HttpServer gms;
    private static final List<JsonNode> proposals = new CopyOnWriteArrayList<>();
    private static PostgresTables tables;
    private static JobID job;
    private static int settledAt;

    @BeforeAll
    static void runTheJob() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        stack.kafka().createTopics(TOPICS.all(), 2);
        slack = LocalSlackWebhook.start();
        gms = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gms.createContext(
                "/aspects",
                exchange -> {
                    try (exchange) {
                        JsonNode body = JSON.readTree(exchange.getRequestBody());
                        proposals.add(body.get("proposal"));
                        byte[] reply =
                                JSON.writeValueAsBytes(
                                        Map.of("value", body.at("/proposal/entityUrn").asText()));
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.getResponseHeaders().add("X-RestLi-Protocol-Version", "2.0.0");
                        exchange.sendResponseHeaders(200, reply.length);
                        exchange.getResponseBody().write(reply);
                    }
                });
        gms.start();

        List<DemoRecord> records = SampleCatalog.versionedRecords(TOPICS, 1_600_000_000_000L);
        new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});

        String url = stack.postgres().createDatabase("notify_it");
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        PostgresOptions postgres =
                new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
        tables = new PostgresTables(url, postgres.user(), postgres.password());

        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 2);
        HealthJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(TOPICS.versioned()),
                        "notify-it",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(TOPICS, SchemaResolver.bundledOnly()),
                HealthRulesConfig.defaults(),
                postgres,
                new HealthJob.Digests(
                        Duration.ofSeconds(1),
                        10,
                        slack.url(),
                        Map.of("urn:li:corpuser:jdoe", "<@U0JDOE>"),
                        "https://datahub.example.com"),
                DataHubSinkOptions.withoutToken("http://127.0.0.1:" + gms.getAddress().getPort()));
        job = stack.flink().submit(env, "notify-it");
        // Writes are asynchronous to the Postgres rows: wait until DataHub has the final scores,
        // which also means the audit has seen every change.
        await(
                () ->
                        scoresWrittenBack().size() == 7
                                && scoresWrittenBack().equals(currentScores()),
                "the final score of every dataset written back");
        // Digests composed from then on hold the final state.
        settledAt = slack.messages().size();
        await(
                () ->
                        latestDigestFor("<@U0JDOE>") != null
                                && latestDigestFor("urn:li:corpuser:datahub") != null,
                "a digest of the final state for both owners");
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            stack.flink().cancel(job);
        }
        if (gms != null) {
            gms.stop(0);
        }
        if (slack != null) {
            slack.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eachOwnerGetsADigestOfTheirDatasetsWorstFirst() throws Exception {
        for (String owner : List.of("<@U0JDOE>", "urn:li:corpuser:datahub")) {
            JsonNode digest = latestDigestFor(owner);
            List<String> names = new ArrayList<>();
            for (JsonNode block : digest.get("blocks")) {
                if (block.get("type").asText().equals("section")) {
                    String text = block.at("/text/text").asText();
                    names.add(text.substring(text.indexOf('|') + 1, text.indexOf(">*")));
                }
            }
            assertThat(names)
                    // Scores 50, 60, 60, 70, 70, 76, 76 (BootstrapCatalogAuditTest); ties by name.
                    .containsExactly(
                            "SampleKafkaDataset",
                            "SampleHdfsDataset",
                            "SampleHiveDataset",
                            "fct_users_created",
                            "fct_users_deleted",
                            "logging_events",
                            "project/root/events/logging_events_bckp");
        }
        assertThat(tables.count("SELECT count(DISTINCT owner) FROM owner_digests")).isEqualTo(2);
    }

    @Test
    void scoresAreWrittenBackOnlyWhenTheyChange() throws Exception {
        assertThat(currentScores()).hasSize(7).isEqualTo(scoresWrittenBack());
        // The property definitions go first; then no dataset gets the same score twice running.
        assertThat(proposals.get(0).get("entityType").asText()).isEqualTo("structuredProperty");
        Map<String, Integer> last = new java.util.HashMap<>();
        for (JsonNode p : proposals) {
            if (p.get("entityType").asText().equals("dataset")) {
                String urn = p.get("entityUrn").asText();
                Integer score = scoreIn(p);
                assertThat(score).as(urn).isNotEqualTo(last.get(urn));
                last.put(urn, score);
            }
        }
    }

    private static Map<String, Integer> currentScores() {
        Map<String, Integer> scores = new java.util.TreeMap<>();
        try {
            for (String row : tables.dump("SELECT urn, score FROM dataset_health")) {
                int cut = row.lastIndexOf(" | ");
                scores.put(
                        row.substring(row.indexOf(':') + 1, cut),
                        Integer.valueOf(row.substring(cut + 3)));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return scores;
    }

    private static Integer scoreIn(JsonNode proposal) {
        try {
            for (JsonNode op : JSON.readTree(proposal.at("/aspect/value").asText())) {
                if (op.get("path").asText().endsWith("io.dataspoke.health.score")) {
                    return op.at("/value/values/0/double").asInt();
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new AssertionError(proposal.toString(), e);
        }
    }

    /**
     * The last digest received after the state settled that lists every dataset of the catalog, for
     * the owner named as shown.
     */
    private static JsonNode latestDigestFor(String shownAs) {
        JsonNode latest = null;
        List<String> messages = slack.messages();
        for (String message :
                messages.subList(Math.min(settledAt, messages.size()), messages.size())) {
            try {
                JsonNode json = JSON.readTree(message);
                if (json.get("text").asText().startsWith("Documentation digest: 7 datasets")
                        && json.at("/blocks/1").toString().contains("For " + shownAs)) {
                    latest = json;
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(message, e);
            }
        }
        return latest;
    }

    /** The last score written to each dataset's structured properties. */
    private static Map<String, Integer> scoresWrittenBack() {
        Map<String, Integer> scores = new java.util.TreeMap<>();
        for (JsonNode p : proposals) {
            if (!p.get("entityType").asText().equals("dataset")) {
                continue;
            }
            Integer score = scoreIn(p);
            if (score != null) {
                scores.put(p.get("entityUrn").asText(), score);
            }
        }
        return scores;
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
