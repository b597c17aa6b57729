package io.dataspoke.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.jobs.ConsumerProgress;
import io.dataspoke.jobs.HealthJob;
import io.dataspoke.jobs.HealthRollupJob;
import io.dataspoke.jobs.IngestJob;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.KnowledgeSyncJob;
import io.dataspoke.jobs.QualityJob;
import io.dataspoke.jobs.Sources;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertRoute;
import io.dataspoke.quality.alert.AlertRouting;
import io.dataspoke.quality.contract.Contracts;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.qdrant.LocalIndexOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo end to end: the embedded stack, a generated organisation replayed into Kafka as real
 * DataHub records, the ingest job over it, and a summary read back from Postgres. The CLI's {@code
 * demo} command and the end-to-end test both run this.
 */
public final class DemoRunner {

    /** The consumer group of the demo's ingest job; its committed offsets say how far it got. */
    public static final String GROUP_ID = "dataspoke-demo";

    /** The consumer group of the demo's metadata-health job. */
    public static final String HEALTH_GROUP_ID = "dataspoke-demo-health";

    /** The quality-monitor job's consumer group. */
    public static final String QUALITY_GROUP_ID = "dataspoke-demo-quality";

    /** The knowledge-sync job's consumer group. */
    public static final String KNOWLEDGE_GROUP_ID = "dataspoke-demo-knowledge";

    /** Where the quality-monitor job publishes dataset statuses. */
    public static final String STATUS_TOPIC = "dataspoke.dataset-status";

    /**
     * The demo replays four weeks in a minute, so owners get a digest every few seconds instead of
     * daily; the summary counts those composed after the catch-up.
     */
    private static final Duration DIGEST_PERIOD = Duration.ofSeconds(5);

    /** Three streaming jobs and the rollup batch job, each at parallelism 2: a slot per subtask. */
    private static final int SLOTS = 10;

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
    private static final int PARTITIONS = 2;

    /** Incident alerts wait this long (event time) for the rest of their story. */
    private static final Duration ALERT_GROUPING = Duration.ofMinutes(5);

    private static final String ALERT_ROUTE = "data-quality";

    /** The vertex whose watermark says the quality job has judged the whole history. */
    private static final String CORRELATOR = "Incidents by root cause";

    /**
     * How to run the demo.
     *
     * @param recordsPerSecond replay pace; 0 replays as fast as Kafka takes it
     * @param webPort Flink dashboard port, 0 for any free one
     * @param keepRunning leave the stack and the job running after the summary
     * @param progress draw progress bars (off for tests and --json)
     */
    public record Options(
            DemoConfig data,
            double recordsPerSecond,
            int webPort,
            Path workDir,
            boolean keepRunning,
            boolean progress) {}

    private DemoRunner() {}

    /** Runs the demo; with {@code keepRunning} the stack stays up until the JVM is stopped. */
    public static DemoSummary run(Options options, PrintStream out) throws Exception {
        return run(options, out, (stack, postgres) -> {});
    }

    /** What a caller does with the demo's stack once the summary is in, before it stops. */
    @FunctionalInterface
    public interface AfterSummary {
        void accept(EmbeddedStack stack, PostgresOptions postgres) throws Exception;
    }

    /**
     * Runs the demo and hands its stack to {@code afterSummary} before stopping it (the SQL
     * scripts' test queries the demo's results this way).
     */
    public static DemoSummary run(Options options, PrintStream out, AfterSummary afterSummary)
            throws Exception {
        long t0 = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(options.workDir())
                                .withWebPort(options.webPort())
                                .withSlots(SLOTS));
        try {
            seconds.put("start", since(t0));
            out.println("Flink dashboard: " + stack.flink().webUrl());

            long t1 = System.nanoTime();
            DemoHistory history = DemoGenerator.generate(options.data());
            Path groundTruth = options.workDir().resolve("ground-truth.json");
            history.groundTruth().write(groundTruth);
            seconds.put("generate", since(t1));

            Topics topics = Topics.DEFAULTS;
            stack.kafka().createTopics(topics.all(), PARTITIONS);
            PostgresOptions postgres =
                    new PostgresOptions(
                            stack.postgres().jdbcUrl(),
                            stack.postgres().user(),
                            stack.postgres().password());
            Path cliConfig = writeCliConfig(options.workDir(), stack);
            out.println("Config for the CLI against this demo (with --keep-running): " + cliConfig);
            JobID job = submitIngest(stack, topics, postgres);
            LocalSlackWebhook slack = LocalSlackWebhook.start();
            stack.closeWith(slack);
            out.println("Owner digests go to a local Slack webhook: " + slack.url());
            JobID health = submitHealth(stack, topics, postgres, slack.url());
            Path contracts = options.workDir().resolve("contracts");
            DemoContracts.write(history.groundTruth(), contracts);
            out.println("Data contracts the demo teams would write: " + contracts);
            stack.kafka().createTopics(List.of(STATUS_TOPIC), PARTITIONS);
            JobID quality =
                    submitQuality(
                            stack, topics, postgres, contracts, history.groundTruth(), slack.url());

            Path knowledgeIndex = options.workDir().resolve("knowledge-index");
            JobID knowledge =
                    submitKnowledge(
                            stack,
                            topics,
                            postgres,
                            knowledgeIndex,
                            HealthSummary.teamByOwner(history.groundTruth()));
            out.println("Search documents go to the embedded vector index in " + knowledgeIndex);

            long t2 = System.nanoTime();
            Map<TopicPartition, Long> endOffsets = replay(stack, history, options, out);
            seconds.put("replay", since(t2));

            long t3 = System.nanoTime();
            awaitCatchUp(stack, endOffsets, history.records().size(), options, out);
            // The health job reads only the versioned change log; far less than the ingest job.
            awaitGroup(stack, endOffsets, HEALTH_GROUP_ID, List.of(topics.versioned()));
            awaitGroup(stack, endOffsets, QUALITY_GROUP_ID, QualityJob.topics(topics));
            // Offsets are committed when a checkpoint completes, and the index sink has flushed
            // everything before that checkpoint: the index is complete.
            awaitGroup(stack, endOffsets, KNOWLEDGE_GROUP_ID, List.of(topics.versioned()));
            // Partitions that ran dry earlier in the history (the versioned change log's last edit
            // is days before the end) hold the watermark until they count as idle, a minute after
            // their last record: a shorter idleness would let a partition that is merely slow to
            // be read fall behind the watermark, and its late events would be misjudged.
            awaitWatermark(
                    stack.flink().webUrl(),
                    quality,
                    CORRELATOR,
                    lastEventMillis(history)
                            - Sources.MAX_OUT_OF_ORDERNESS.toMillis()
                            - 3_600_000L);
            awaitDigests(postgres, Instant.now());
            long t4 = System.nanoTime();
            HealthRollupJob.run(
                    JobSettings.apply(stack.flink().environment(), CHECKPOINT_INTERVAL, PARTITIONS),
                    postgres,
                    HealthSummary.teamByOwner(history.groundTruth()),
                    null,
                    null);
            seconds.put("rollup", since(t4));
            seconds.put("catchUp", since(t3));
            seconds.put("total", since(t0));

            DemoSummary summary =
                    summarize(
                            options,
                            stack.flink().webUrl(),
                            groundTruth,
                            history,
                            postgres,
                            slack.messages(),
                            knowledgeIndex,
                            seconds);
            afterSummary.accept(stack, postgres);
            if (options.keepRunning()) {
                out.println(
                        "Query it meanwhile: ./dataspoke sql -f"
                                + " sql/recipes/incidents_by_root_cause.sql --config "
                                + cliConfig
                                + "; ./dataspoke verify <dataset> --config "
                                + cliConfig);
                out.println(
                        "Still running: the dashboard stays at "
                                + stack.flink().webUrl()
                                + " until you stop this process (Ctrl-C).");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(stack)));
            } else {
                stack.flink().cancel(job);
                stack.flink().cancel(health);
                stack.flink().cancel(quality);
                stack.flink().cancel(knowledge);
                stack.close();
            }
            return summary;
        } catch (Exception | Error e) {
            closeQuietly(stack);
            throw e;
        }
    }

    private static JobID submitIngest(
            EmbeddedStack stack, Topics topics, PostgresOptions postgres) {
        var env = stack.flink().environment();
        JobSettings.apply(env, CHECKPOINT_INTERVAL, PARTITIONS);
        IngestJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        topics,
                        GROUP_ID,
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(topics, SchemaResolver.bundledOnly()),
                postgres);
        return stack.flink().submit(env, "dataspoke-" + IngestJob.NAME);
    }

    /**
     * A config file for the CLI pointing at the embedded stack ({@code sql}, {@code verify}, {@code
     * search}, {@code status}); the embedded Postgres trusts loopback, so it names no password.
     */
    private static Path writeCliConfig(Path workDir, EmbeddedStack stack) throws IOException {
        Path file = workDir.resolve("dataspoke-demo.yaml");
        Files.writeString(
                file,
                "# Written by `dataspoke demo`: its embedded Kafka and Postgres, while it runs.\n"
                        + "kafka: {bootstrapServers: \""
                        + stack.kafka().bootstrapServers()
                        + "\"}\n"
                        + "postgres: {url: \""
                        + stack.postgres().jdbcUrl()
                        + "\", user: "
                        + stack.postgres().user()
                        + "}\n"
                        + "quality: {statusTopic: "
                        + STATUS_TOPIC
                        + "}\n"
                        + "knowledge: {path: knowledge-index}\n");
        return file;
    }

    private static JobID submitKnowledge(
            EmbeddedStack stack,
            Topics topics,
            PostgresOptions postgres,
            Path index,
            Map<String, String> teamByOwner) {
        var env = stack.flink().environment();
        JobSettings.apply(env, CHECKPOINT_INTERVAL, PARTITIONS);
        KnowledgeSyncJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(topics.versioned()),
                        KNOWLEDGE_GROUP_ID,
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(topics, SchemaResolver.bundledOnly()),
                new KnowledgeSyncJob.Settings(
                        EmbeddingModel.ALL_MINILM_L6_V2,
                        32,
                        Duration.ofMillis(500),
                        teamByOwner,
                        HealthRulesConfig.defaults().rules().pii()),
                postgres,
                Duration.ofSeconds(5),
                new LocalIndexOptions(index.toString()));
        return stack.flink().submit(env, "dataspoke-" + KnowledgeSyncJob.NAME);
    }

    private static JobID submitHealth(
            EmbeddedStack stack, Topics topics, PostgresOptions postgres, String slackWebhook) {
        var env = stack.flink().environment();
        JobSettings.apply(env, CHECKPOINT_INTERVAL, PARTITIONS);
        HealthJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(topics.versioned()),
                        HEALTH_GROUP_ID,
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(topics, SchemaResolver.bundledOnly()),
                HealthRulesConfig.defaults(),
                postgres,
                new HealthJob.Digests(DIGEST_PERIOD, 10, slackWebhook, Map.of(), null),
                null);
        return stack.flink().submit(env, "dataspoke-" + HealthJob.NAME);
    }

    private static JobID submitQuality(
            EmbeddedStack stack,
            Topics topics,
            PostgresOptions postgres,
            Path contracts,
            GroundTruth truth,
            String slackWebhook) {
        var env = stack.flink().environment();
        JobSettings.apply(env, CHECKPOINT_INTERVAL, PARTITIONS);
        QualityJob.wire(
                env,
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        QualityJob.topics(topics),
                        QUALITY_GROUP_ID,
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(topics, SchemaResolver.bundledOnly()),
                QualityJob.Settings.of(
                        Contracts.load(contracts), Severity.HIGH, HealthSummary.teamByOwner(truth)),
                new QualityJob.Destinations(
                        postgres,
                        stack.kafka().bootstrapServers(),
                        STATUS_TOPIC,
                        Map.of(),
                        new QualityJob.Alerts(
                                ALERT_GROUPING,
                                new AlertRouting(
                                        List.of(
                                                new AlertRoute(
                                                        ALERT_ROUTE,
                                                        null,
                                                        null,
                                                        Severity.LOW,
                                                        "DATASPOKE_SLACK_WEBHOOK_URL")),
                                        null),
                                Map.of(ALERT_ROUTE, slackWebhook),
                                null),
                        null));
        return stack.flink().submit(env, "dataspoke-" + QualityJob.NAME);
    }

    /**
     * Waits until {@code groupId} has committed the end offset of each partition of {@code topics}.
     */
    private static void awaitGroup(
            EmbeddedStack stack,
            Map<TopicPartition, Long> endOffsets,
            String groupId,
            List<String> topics)
            throws Exception {
        Map<TopicPartition, Long> read = new java.util.HashMap<>();
        endOffsets.forEach(
                (tp, end) -> {
                    if (topics.contains(tp.topic())) {
                        read.put(tp, end);
                    }
                });
        try (ConsumerProgress progress =
                new ConsumerProgress(stack.kafka().bootstrapServers(), groupId)) {
            progress.await(read, CATCH_UP_TIMEOUT, lag -> {});
        }
    }

    /**
     * Waits until the input watermark of the job's vertex named {@code vertex} reaches {@code
     * target}, read from Flink's REST API as the dashboard shows it: reading the last offset is not
     * judging it, and event-time operators (freshness deadlines, the incident correlator) act only
     * once the watermark has passed.
     */
    private static void awaitWatermark(String webUrl, JobID job, String vertex, long target)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        JsonNode vertices = json.readTree(get(http, webUrl + "/jobs/" + job)).path("vertices");
        String id = null;
        for (JsonNode v : vertices) {
            if (v.path("name").asText().contains(vertex)) {
                id = v.path("id").asText();
            }
        }
        if (id == null) {
            throw new IllegalStateException("job " + job + " has no vertex named " + vertex);
        }
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (true) {
            long lowest = Long.MAX_VALUE;
            JsonNode marks =
                    json.readTree(
                            get(http, webUrl + "/jobs/" + job + "/vertices/" + id + "/watermarks"));
            for (JsonNode mark : marks) {
                lowest = Math.min(lowest, mark.path("value").asLong(Long.MIN_VALUE));
            }
            if (marks.size() > 0 && lowest >= target) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        vertex
                                + " watermark "
                                + Instant.ofEpochMilli(lowest)
                                + " never reached "
                                + Instant.ofEpochMilli(target));
            }
            Thread.sleep(200);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static long lastEventMillis(DemoHistory history) {
        long last = Long.MIN_VALUE;
        for (DemoRecord record : history.records()) {
            last = Math.max(last, record.timestampMillis());
        }
        return last;
    }

    /**
     * Waits until every owner with a dataset that needs work has had a digest composed after {@code
     * caughtUp}, so the digests reflect the whole history.
     */
    private static void awaitDigests(PostgresOptions postgres, Instant caughtUp)
            throws SQLException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            long expected =
                    count(
                            s,
                            "SELECT count(DISTINCT owner) FROM owner_dataset_health"
                                    + " WHERE score < 100");
            while (true) {
                long reached =
                        count(
                                s,
                                "SELECT count(DISTINCT owner) FROM owner_digests WHERE"
                                        + " period_end > '"
                                        + caughtUp
                                        + "'");
                if (reached >= expected) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            reached + " of " + expected + " owners had a digest after catch-up");
                }
                Thread.sleep(200);
            }
        }
    }

    private static Map<TopicPartition, Long> replay(
            EmbeddedStack stack, DemoHistory history, Options options, PrintStream out)
            throws InterruptedException {
        KafkaReplayer replayer = new KafkaReplayer(stack.kafka().bootstrapServers());
        int total = history.records().size();
        if (!options.progress()) {
            return replayer.replay(history.records(), options.recordsPerSecond(), sent -> {});
        }
        try (ProgressBar bar = bar("Replaying into Kafka", total, out)) {
            return replayer.replay(history.records(), options.recordsPerSecond(), bar::stepTo);
        }
    }

    private static void awaitCatchUp(
            EmbeddedStack stack,
            Map<TopicPartition, Long> endOffsets,
            long total,
            Options options,
            PrintStream out)
            throws Exception {
        try (ConsumerProgress progress =
                new ConsumerProgress(stack.kafka().bootstrapServers(), GROUP_ID)) {
            if (!options.progress()) {
                progress.await(endOffsets, CATCH_UP_TIMEOUT, lag -> {});
                return;
            }
            try (ProgressBar bar = bar("Flink job (checkpointed)", total, out)) {
                progress.await(endOffsets, CATCH_UP_TIMEOUT, lag -> bar.stepTo(total - lag));
            }
        }
    }

    private static ProgressBar bar(String task, long total, PrintStream out) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250)
                .build();
    }

    private static DemoSummary summarize(
            Options options,
            String dashboard,
            Path groundTruth,
            DemoHistory history,
            PostgresOptions postgres,
            List<String> slackMessages,
            Path knowledgeIndex,
            Map<String, Double> seconds)
            throws Exception {
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            Map<String, Long> byTopic = new TreeMap<>();
            for (DemoRecord record : history.records()) {
                byTopic.merge(record.topic(), 1L, Long::sum);
            }
            return new DemoSummary(
                    options.data().seed(),
                    options.data().datasets(),
                    options.data().days(),
                    dashboard,
                    groundTruth.toString(),
                    byTopic,
                    counts(s, "SELECT entity_type, count(*) FROM entities GROUP BY 1"),
                    count(s, "SELECT count(*) FROM entities WHERE removed"),
                    counts(s, "SELECT source, count(*) FROM dataset_metrics GROUP BY 1"),
                    counts(s, "SELECT event_type, count(*) FROM pipeline_runs GROUP BY 1"),
                    count(s, "SELECT count(*) FROM dead_letters"),
                    HealthSummary.read(c, history.groundTruth(), slackMessages),
                    QualitySummary.read(c, history.groundTruth(), slackMessages),
                    KnowledgeSummary.read(knowledgeIndex, history.groundTruth()),
                    seconds);
        }
    }

    static Map<String, Long> counts(Statement s, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    private static void closeQuietly(EmbeddedStack stack) {
        try {
            stack.close();
        } catch (Exception e) {
            // Already failing or shutting down; the first error is the one reported.
        }
    }
}
