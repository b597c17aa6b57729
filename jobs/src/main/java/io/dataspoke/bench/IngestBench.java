package io.dataspoke.bench;

import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.demo.DemoHistory;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedFlink;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import io.dataspoke.jobs.IngestJob;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.Sources;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.PrintStream;
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
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code dataspoke bench ingest}: the ingest job's throughput and latency on the embedded stack.
 *
 * <p>The demo's history is written to Kafka once. Then, in alternating rounds over the same
 * records, a bare job (Kafka source into a discarding sink), the ingest job with its outputs
 * discarded (what decoding and keyed state cost) and the whole ingest job (decode, keyed RocksDB
 * state, upserts into a fresh Postgres database) each read all of it as a bounded job. A round's
 * time runs from the moment its last task is running to the moment the job finishes, as Flink
 * recorded them, so deployment is not counted. Latency is measured after, with the ingest job
 * running unbounded on topics of its own (see {@link LatencyProbe}).
 */
public final class IngestBench {

    private static final int PARALLELISM = 2;
    private static final int PARTITIONS_PER_TOPIC = PARALLELISM;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);
    private static final Topics LATENCY_TOPICS =
            new Topics(
                    "bench.mcl",
                    "bench.mcl-timeseries",
                    "bench.platform-events",
                    "bench.openlineage",
                    "bench.query-logs");

    /**
     * How to run the bench.
     *
     * @param data the history replayed (the demo's default organisation unless changed)
     * @param rounds rounds of each job; the median round counts
     * @param probes latency probes
     * @param probesPerSecond rate the probes are sent at
     */
    public record Options(
            DemoConfig data, int rounds, int probes, double probesPerSecond, Path workDir) {
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1");
            }
            if (probes < 2) {
                throw new IllegalArgumentException("probes must be at least 2");
            }
            if (probesPerSecond <= 0) {
                throw new IllegalArgumentException("probe rate must be positive");
            }
        }
    }

    private IngestBench() {}

    /** Runs the bench; {@code out} gets one line per round as it ends. */
    public static IngestBenchResult run(Options options, PrintStream out) throws Exception {
        try (EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(options.workDir())
                                .withWebPort(0))) {
            DemoHistory history = DemoGenerator.generate(options.data());
            int records = history.records().size();
            stack.kafka().createTopics(Topics.DEFAULTS.all(), PARTITIONS_PER_TOPIC);
            new KafkaReplayer(stack.kafka().bootstrapServers())
                    .replay(history.records(), 0, sent -> {});
            out.printf("Replayed %,d records of the demo history into Kafka%n", records);

            List<Double> bare = new ArrayList<>();
            List<Double> noSinks = new ArrayList<>();
            List<Double> ingest = new ArrayList<>();
            long[] rows = null;
            // Round 0 warms the JIT compiler up and is not counted.
            for (int round = 0; round <= options.rounds(); round++) {
                double bareSeconds = bareRound(stack, round);
                double noSinksSeconds = noSinksRound(stack, round);
                PostgresOptions db = database(stack, "bench_round_" + round);
                double ingestSeconds = ingestRound(stack, round, db);
                if (round > 0) {
                    bare.add(bareSeconds);
                    noSinks.add(noSinksSeconds);
                    ingest.add(ingestSeconds);
                }
                long[] written = rowCounts(db);
                if (rows != null && !Arrays.equals(rows, written)) {
                    throw new IllegalStateException(
                            "round "
                                    + round
                                    + " wrote "
                                    + Arrays.toString(written)
                                    + " rows (entities, metrics, runs) but round 1 wrote "
                                    + Arrays.toString(rows));
                }
                rows = written;
                out.printf(
                        "%s: bare source %,.0f, without sinks %,.0f, ingest %,.0f records/s%n",
                        round == 0 ? "Warm-up (not counted)" : "Round " + round,
                        records / bareSeconds,
                        records / noSinksSeconds,
                        records / ingestSeconds);
            }

            Percentiles latency = latency(stack, options);
            out.printf(
                    "Latency over %d probes at %.0f/s: p50 %.0f ms, p99 %.0f ms%n",
                    latency.count(), options.probesPerSecond(), latency.p50(), latency.p99());
            return new IngestBenchResult(
                    records,
                    options.rounds(),
                    records / median(bare),
                    records / median(noSinks),
                    records / median(ingest),
                    median(bare) / median(ingest),
                    new IngestBenchResult.Rows(rows[0], rows[1], rows[2]),
                    latency,
                    Machine.current());
        }
    }

    private static double bareRound(EmbeddedStack stack, int round) throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        env.fromSource(
                        source(stack, Topics.DEFAULTS, "bench-bare-" + round, true),
                        Sources.watermarks(),
                        "DataHub and pipeline topics")
                .uid("kafka-source")
                .sinkTo(new DiscardingSink<>())
                .name("Discard");
        return timeToFinish(stack.flink(), stack.flink().submit(env, "bench-bare-" + round));
    }

    /** The ingest job with every output discarded: what decoding and keyed state cost alone. */
    private static double noSinksRound(EmbeddedStack stack, int round) throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        IngestJob.Outputs outputs =
                IngestJob.build(
                        env.fromSource(
                                        source(
                                                stack,
                                                Topics.DEFAULTS,
                                                "bench-nosink-" + round,
                                                true),
                                        Sources.watermarks(),
                                        "DataHub and pipeline topics")
                                .uid("kafka-source"),
                        new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()));
        outputs.entities().sinkTo(new DiscardingSink<>()).name("Discard entities");
        outputs.metrics().sinkTo(new DiscardingSink<>()).name("Discard metrics");
        outputs.runs().sinkTo(new DiscardingSink<>()).name("Discard runs");
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("Discard dead letters");
        return timeToFinish(stack.flink(), stack.flink().submit(env, "bench-nosink-" + round));
    }

    private static double ingestRound(EmbeddedStack stack, int round, PostgresOptions db)
            throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        IngestJob.wire(
                env,
                source(stack, Topics.DEFAULTS, "bench-ingest-" + round, true),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                db);
        return timeToFinish(stack.flink(), stack.flink().submit(env, "bench-ingest-" + round));
    }

    private static Percentiles latency(EmbeddedStack stack, Options options) throws Exception {
        stack.kafka().createTopics(LATENCY_TOPICS.all(), PARTITIONS_PER_TOPIC);
        PostgresOptions db = database(stack, "bench_latency");
        StreamExecutionEnvironment env = environment(stack);
        IngestJob.wire(
                env,
                source(stack, LATENCY_TOPICS, "bench-latency", false),
                new RecordDecoder(LATENCY_TOPICS, SchemaResolver.bundledOnly()),
                db);
        JobID job = stack.flink().submit(env, "bench-latency");
        try {
            LatencyProbe probe =
                    new LatencyProbe(stack.kafka().bootstrapServers(), LATENCY_TOPICS, db);
            // The first probes meet cold code paths and connections; they warm up, not count.
            probe.measure("warmup", Math.max(20, options.probes() / 10), options.probesPerSecond());
            return Percentiles.of(
                    probe.measure("probe", options.probes(), options.probesPerSecond()));
        } finally {
            stack.flink().cancel(job);
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
     * Seconds from the moment the last of the job's tasks was running until the job finished, from
     * the timestamps Flink keeps in the job's execution graph.
     */
    static double timeToFinish(EmbeddedFlink flink, JobID job) throws Exception {
        flink.awaitTermination(job, ROUND_TIMEOUT);
        AccessExecutionGraph graph = flink.miniCluster().getArchivedExecutionGraph(job).get();
        long allRunning = 0;
        for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
            allRunning = Math.max(allRunning, vertex.getStateTimestamp(ExecutionState.RUNNING));
        }
        long finished = graph.getStatusTimestamp(JobStatus.FINISHED);
        if (allRunning == 0 || finished < allRunning) {
            throw new IllegalStateException("job " + job + " has no usable task timestamps");
        }
        return (finished - allRunning) / 1000.0;
    }

    static PostgresOptions database(EmbeddedStack stack, String name) {
        String url = stack.postgres().createDatabase(name);
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        return new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
    }

    /** Rows in entities, dataset_metrics and pipeline_runs. */
    private static long[] rowCounts(PostgresOptions db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            return new long[] {
                count(s, "entities"), count(s, "dataset_metrics"), count(s, "pipeline_runs")
            };
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
