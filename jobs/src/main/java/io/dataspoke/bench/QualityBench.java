package io.dataspoke.bench;

import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoContracts;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.demo.DemoHistory;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.QualityJob;
import io.dataspoke.jobs.Sources;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertRoute;
import io.dataspoke.quality.alert.AlertRouting;
import io.dataspoke.quality.contract.ContractSet;
import io.dataspoke.quality.contract.Contracts;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code dataspoke bench quality}: the quality monitor's throughput and its alert latency on the
 * embedded stack.
 *
 * <p>Throughput: the demo's history is written to Kafka once; then, in alternating rounds over the
 * same records with the contracts the demo's teams would write, a bare Kafka source into a
 * discarding sink, the quality job with its outputs discarded (what judging costs: decode, contract
 * checks, lineage, CEP, the incident correlator, the circuit breaker) and the whole job into
 * Postgres ({@code check_results}, {@code incidents}, {@code dataset_status}) each read all of it
 * as a bounded job, timed from its last task running to its end. Every round must leave the same
 * check results on profiles (see {@code rowCounts}); WARN or FAIL results, incidents and statuses
 * may differ by a few between replays (a freshness deadline is judged when the watermark passes it,
 * and which topic reports a load first is up to the fetches), and a round that differs says so.
 *
 * <p>Latency: the job runs unbounded on a topic of its own with Slack alerts to a {@link
 * LocalSlackWebhook}, a grouping window and a watermark out-of-orderness the result states (both
 * delay an alert by design), under a steady background load; see {@link AlertProbe}.
 */
public final class QualityBench {

    private static final int PARALLELISM = 2;
    private static final int PARTITIONS_PER_TOPIC = PARALLELISM;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final String ROUTE = "all";
    private static final Topics LATENCY_TOPICS =
            new Topics(
                    "bench.quality.mcl",
                    "bench.quality.mcl-timeseries",
                    "bench.quality.platform-events",
                    "bench.quality.openlineage",
                    "bench.quality.query-logs");

    /**
     * How to run the bench.
     *
     * @param data the history replayed for throughput
     * @param rounds rounds of each job; the median round counts
     * @param probes latency probes (after a tenth as many, at least 5, that warm up)
     * @param probeInterval time between probes
     * @param loadPerSecond background events per second during the latency run
     * @param groupingWindow how long an incident's first alert waits for the rest of its story
     * @param outOfOrderness the watermark's bound during the latency run
     */
    public record Options(
            DemoConfig data,
            int rounds,
            int probes,
            Duration probeInterval,
            double loadPerSecond,
            Duration groupingWindow,
            Duration outOfOrderness,
            Path workDir) {
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1");
            }
            if (probes < 1) {
                throw new IllegalArgumentException("probes must be at least 1");
            }
            if (probeInterval.isNegative() || probeInterval.isZero()) {
                throw new IllegalArgumentException("the probe interval must be positive");
            }
            if (loadPerSecond <= 0) {
                throw new IllegalArgumentException("the background load must be positive");
            }
            if (groupingWindow.isNegative() || groupingWindow.isZero()) {
                throw new IllegalArgumentException("the grouping window must be positive");
            }
            if (outOfOrderness.isNegative()) {
                throw new IllegalArgumentException("the out-of-orderness must not be negative");
            }
        }
    }

    private QualityBench() {}

    /** Runs the bench; {@code out} gets one line per round as it ends. */
    public static QualityBenchResult run(Options options, PrintStream out) throws Exception {
        try (EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(options.workDir())
                                .withWebPort(0))) {
            DemoHistory history = DemoGenerator.generate(options.data());
            int records = history.records().size();
            Path contractDir = options.workDir().resolve("demo-contracts");
            DemoContracts.write(history.groundTruth(), contractDir);
            QualityJob.Settings settings =
                    QualityJob.Settings.defaults(Contracts.load(contractDir));
            stack.kafka().createTopics(Topics.DEFAULTS.all(), PARTITIONS_PER_TOPIC);
            new KafkaReplayer(stack.kafka().bootstrapServers())
                    .replay(history.records(), 0, sent -> {});
            out.printf("Replayed %,d records of the demo history into Kafka%n", records);

            List<Double> bare = new ArrayList<>();
            List<Double> judged = new ArrayList<>();
            List<Double> wired = new ArrayList<>();
            List<Long> checkResults = new ArrayList<>();
            long[] rows = null;
            Map<String, Long> firstBreakdown = null;
            // Round 0 warms the JIT compiler up and is not counted.
            for (int round = 0; round <= options.rounds(); round++) {
                double bareSeconds = bareRound(stack, round);
                double judgedSeconds = judgedRound(stack, round, settings);
                PostgresOptions db = IngestBench.database(stack, "bench_quality_" + round);
                double wiredSeconds = wiredRound(stack, round, settings, db);
                long[] written = rowCounts(db);
                Map<String, Long> breakdown = breakdown(db);
                if (rows != null && rows[0] != written[0]) {
                    // Profiles are judged whatever the order of arrival: a round that wrote
                    // another number of their results did not read the same history.
                    throw new IllegalStateException(
                            "round "
                                    + round
                                    + " wrote "
                                    + written[0]
                                    + " check results on profiles but the warm-up wrote "
                                    + rows[0]
                                    + "; check results by type, signal and outcome: "
                                    + breakdown
                                    + " against "
                                    + firstBreakdown);
                }
                if (rows != null && !Arrays.equals(rows, written)) {
                    out.printf(
                            "Round %d wrote %s WARN/FAIL results, incidents and statuses, the"
                                    + " warm-up %s: a freshness deadline is judged when the"
                                    + " watermark passes it, and which topic's report of a load"
                                    + " comes first differs between replays%n",
                            round,
                            Arrays.toString(Arrays.copyOfRange(written, 1, 4)),
                            Arrays.toString(Arrays.copyOfRange(rows, 1, 4)));
                }
                if (rows == null) {
                    rows = written;
                    firstBreakdown = breakdown;
                }
                checkResults.add(allCheckResults(db));
                if (round > 0) {
                    bare.add(bareSeconds);
                    judged.add(judgedSeconds);
                    wired.add(wiredSeconds);
                }
                out.printf(
                        "%s: bare source %,.0f, judged %,.0f, into Postgres %,.0f records/s%n",
                        round == 0 ? "Warm-up (not counted)" : "Round " + round,
                        records / bareSeconds,
                        records / judgedSeconds,
                        records / wiredSeconds);
            }

            QualityBenchResult.Alerts alerts = latency(stack, options);
            out.printf(
                    "Alert latency over %d probes under %,.0f events/s: p50 %.0f ms, p99 %.0f ms"
                            + " to the opening alert%n",
                    alerts.opened().count(),
                    alerts.loadEventsPerSecond(),
                    alerts.opened().p50(),
                    alerts.opened().p99());
            double bareMedian = IngestBench.median(bare);
            double judgedMedian = IngestBench.median(judged);
            double wiredMedian = IngestBench.median(wired);
            return new QualityBenchResult(
                    records,
                    options.rounds(),
                    records / bareMedian,
                    records / judgedMedian,
                    records / wiredMedian,
                    bareMedian / judgedMedian,
                    bareMedian / wiredMedian,
                    new QualityBenchResult.Rows(rows[0], rows[1], checkResults, rows[2], rows[3]),
                    alerts,
                    Machine.current());
        }
    }

    private static double bareRound(EmbeddedStack stack, int round) throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        env.fromSource(
                        source(stack, Topics.DEFAULTS, "bench-quality-bare-" + round, true),
                        Sources.watermarks(),
                        "DataHub and pipeline topics")
                .uid("kafka-source")
                .sinkTo(new DiscardingSink<>())
                .name("Discard");
        return IngestBench.timeToFinish(
                stack.flink(), stack.flink().submit(env, "bench-quality-bare-" + round));
    }

    /** The quality job with its results discarded: what judging costs without Postgres. */
    private static double judgedRound(EmbeddedStack stack, int round, QualityJob.Settings settings)
            throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        QualityJob.Outputs outputs =
                QualityJob.build(
                        env.fromSource(
                                        source(
                                                stack,
                                                Topics.DEFAULTS,
                                                "bench-quality-judged-" + round,
                                                true),
                                        Sources.watermarks(),
                                        "DataHub and pipeline topics")
                                .uid("kafka-source"),
                        new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                        settings);
        outputs.checks().sinkTo(new DiscardingSink<>()).name("Discard check results");
        outputs.incidents().sinkTo(new DiscardingSink<>()).name("Discard incidents");
        outputs.statuses().sinkTo(new DiscardingSink<>()).name("Discard statuses");
        return IngestBench.timeToFinish(
                stack.flink(), stack.flink().submit(env, "bench-quality-judged-" + round));
    }

    private static double wiredRound(
            EmbeddedStack stack, int round, QualityJob.Settings settings, PostgresOptions db)
            throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        QualityJob.wire(
                env,
                source(stack, Topics.DEFAULTS, "bench-quality-" + round, true),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                settings,
                new QualityJob.Destinations(
                        db, stack.kafka().bootstrapServers(), null, Map.of(), null, null));
        return IngestBench.timeToFinish(
                stack.flink(), stack.flink().submit(env, "bench-quality-" + round));
    }

    private static QualityBenchResult.Alerts latency(EmbeddedStack stack, Options options)
            throws Exception {
        stack.kafka().createTopics(LATENCY_TOPICS.all(), PARTITIONS_PER_TOPIC);
        PostgresOptions db = IngestBench.database(stack, "bench_quality_latency");
        LocalSlackWebhook webhook = LocalSlackWebhook.start();
        stack.closeWith(webhook);
        StreamExecutionEnvironment env = environment(stack);
        QualityJob.wire(
                env,
                // Profiles and operations are DataHub time-series aspects: one topic carries all.
                Sources.kafka(
                        stack.kafka().bootstrapServers(),
                        List.of(LATENCY_TOPICS.timeseries()),
                        "bench-quality-latency",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                Sources.watermarks(options.outOfOrderness()),
                new RecordDecoder(LATENCY_TOPICS, SchemaResolver.bundledOnly()),
                QualityJob.Settings.defaults(latencyContracts(options.workDir())),
                new QualityJob.Destinations(
                        db,
                        stack.kafka().bootstrapServers(),
                        null,
                        Map.of(),
                        new QualityJob.Alerts(
                                options.groupingWindow(),
                                new AlertRouting(
                                        List.of(
                                                new AlertRoute(
                                                        ROUTE, null, null, Severity.LOW, "UNUSED")),
                                        null),
                                Map.of(ROUTE, webhook.url()),
                                null),
                        null));
        JobID job = stack.flink().submit(env, "bench-quality-latency");
        try {
            awaitRunning(stack, job);
            AlertProbe probe =
                    new AlertProbe(
                            stack.kafka().bootstrapServers(), LATENCY_TOPICS.timeseries(), webhook);
            // The first probes meet cold code paths and connections; they warm up, not count.
            probe.measure(
                    "warmup",
                    Math.max(5, options.probes() / 10),
                    options.probeInterval(),
                    options.loadPerSecond());
            AlertProbe.Latencies measured =
                    probe.measure(
                            "probe",
                            options.probes(),
                            options.probeInterval(),
                            options.loadPerSecond());
            Percentiles opened = Percentiles.of(measured.opened());
            long windowMillis = options.groupingWindow().toMillis();
            return new QualityBenchResult.Alerts(
                    measured.loadSent() / measured.loadSeconds(),
                    options.probeInterval().toMillis(),
                    windowMillis,
                    options.outOfOrderness().toMillis(),
                    Sources.MAX_OUT_OF_ORDERNESS.toMillis(),
                    opened,
                    opened.minus(windowMillis),
                    Percentiles.of(measured.resolved()));
        } finally {
            stack.flink().cancel(job);
        }
    }

    /**
     * {@code row_count > 0} for the probes' datasets; row count, completeness and freshness for the
     * background's, so every background event is judged too.
     */
    private static ContractSet latencyContracts(Path workDir) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("latency-contracts"));
        Files.writeString(
                dir.resolve("load.yaml"),
                "# The background load's datasets: healthy, judged on every event.\n"
                        + "match: { name: \""
                        + AlertProbe.LOAD_PREFIX
                        + "*\" }\n"
                        + "severity: medium\n"
                        + "slo:\n"
                        + "  freshness: \"< 1 hour\"\n"
                        + "  completeness: \"> 90%\"\n"
                        + "checks:\n"
                        + "  - row_count > 0\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("probes.yaml"),
                "# The probes' datasets: a profile of 0 rows opens an incident.\n"
                        + "match: { name: \""
                        + AlertProbe.PROBE_PREFIX
                        + "*\" }\n"
                        + "severity: high\n"
                        + "checks:\n"
                        + "  - row_count > 0\n",
                StandardCharsets.UTF_8);
        return Contracts.load(dir);
    }

    /** Waits until the job runs, so the probes do not time its deployment. */
    private static void awaitRunning(EmbeddedStack stack, JobID job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (stack.flink().status(job) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the latency job is " + stack.flink().status(job) + " after a minute");
            }
            Thread.sleep(50);
        }
    }

    private static StreamExecutionEnvironment environment(EmbeddedStack stack) {
        return JobSettings.apply(stack.flink().environment(), CHECKPOINT_INTERVAL, PARALLELISM);
    }

    private static Source<RawRecord, ?, ?> source(
            EmbeddedStack stack, Topics topics, String group, boolean bounded) {
        return Sources.kafka(
                stack.kafka().bootstrapServers(),
                topics,
                group,
                Sources.Start.EARLIEST,
                bounded,
                Map.of());
    }

    /**
     * The rows every round must leave alike: check results judged on profiles, WARN and FAIL
     * results, incidents and dataset statuses.
     *
     * <p>Not all check results: which other results a round writes depends on how the source's
     * reads of different topics interleave, because some decisions follow processing order rather
     * than event time. A load is judged on {@code row_count} only until its dataset's first profile
     * has been processed, an OpenLineage schema facet only until DataHub's schemaMetadata has, and
     * the several signals of one load (run, operation, query) race to reset its freshness. Their
     * totals are reported per round instead.
     */
    private static long[] rowCounts(PostgresOptions db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            return new long[] {
                count(s, "check_results WHERE signal = 'PROFILE'"),
                count(s, "check_results WHERE outcome IN ('WARN', 'FAIL')"),
                count(s, "incidents"),
                count(s, "dataset_status")
            };
        }
    }

    private static long allCheckResults(PostgresOptions db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            return count(s, "check_results");
        }
    }

    /** Check results by type, signal and outcome, to show where rounds differ. */
    private static Map<String, Long> breakdown(PostgresOptions db) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT check_type, signal, outcome, count(*) FROM check_results"
                                        + " GROUP BY 1, 2, 3")) {
            while (rs.next()) {
                counts.put(
                        rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3),
                        rs.getLong(4));
            }
        }
        return counts;
    }

    private static long count(Statement s, String tableAndFilter) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + tableAndFilter)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
