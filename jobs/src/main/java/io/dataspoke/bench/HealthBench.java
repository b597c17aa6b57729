package io.dataspoke.bench;

import io.dataspoke.decode.DataHubAvroEncoder;
import io.dataspoke.decode.Decoded;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.jobs.HealthJob;
import io.dataspoke.jobs.JobSettings;
import io.dataspoke.jobs.Sources;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code dataspoke bench health}: audited entity changes per second. The demo catalog's versioned
 * change logs (every aspect of 300 datasets and their edits) are copied under new dataset names
 * until there are {@code copies} catalogs, written to Kafka once, then read in rounds by a bare
 * source into a discarding sink and by the metadata-health job (decode, entity state in RocksDB,
 * audit, Postgres), each as a bounded job timed from its last task running to its end.
 */
public final class HealthBench {

    private static final int PARALLELISM = 2;
    private static final String GROUP = "bench-health";

    /** How to run it. */
    public record Options(DemoConfig data, int copies, int rounds, Path workDir) {
        public Options {
            if (copies < 1 || rounds < 1) {
                throw new IllegalArgumentException("copies and rounds must be at least 1");
            }
        }
    }

    /**
     * What it measured.
     *
     * @param changes entity changes per round
     * @param datasets datasets audited per round (rows in dataset_health)
     */
    public record Result(
            int changes,
            long datasets,
            int rounds,
            double bareChangesPerSecond,
            double auditedChangesPerSecond,
            double ratio,
            Machine machine)
            implements BenchResult {

        @Override
        public String toJson() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(this);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void print(PrintStream out) {
            out.println();
            out.printf(
                    "DataSpoke health bench: %,d entity changes (%,d datasets), median of %d"
                            + " rounds%n",
                    changes, datasets, rounds);
            out.printf(
                    "  %-40s %,12.0f changes/s%n", "Kafka source -> discard", bareChangesPerSecond);
            out.printf(
                    "  %-40s %,12.0f changes/s%n",
                    "decode -> state -> audit -> Postgres", auditedChangesPerSecond);
            out.printf("  %-40s %12.2f%n", "ratio (audited / bare)", ratio);
            out.printf("  %-40s %s%n", "machine", machine.describe());
        }
    }

    private HealthBench() {}

    public static Result run(Options options, PrintStream out) throws Exception {
        try (EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(options.workDir())
                                .withWebPort(0))) {
            List<DemoRecord> records = copies(options);
            stack.kafka().createTopics(Topics.DEFAULTS.all(), PARALLELISM);
            new KafkaReplayer(stack.kafka().bootstrapServers()).replay(records, 0, sent -> {});
            out.printf("Replayed %,d versioned change logs into Kafka%n", records.size());

            List<Double> bare = new ArrayList<>();
            List<Double> audited = new ArrayList<>();
            long datasets = -1;
            for (int round = 0; round <= options.rounds(); round++) {
                double bareSeconds = bareRound(stack, round);
                PostgresOptions db = IngestBench.database(stack, "bench_health_" + round);
                double auditSeconds = auditRound(stack, round, db);
                long rows = count(db, "SELECT count(*) FROM dataset_health");
                if (datasets >= 0 && rows != datasets) {
                    throw new IllegalStateException(
                            "round " + round + " audited " + rows + " datasets, not " + datasets);
                }
                datasets = rows;
                if (round > 0) {
                    bare.add(bareSeconds);
                    audited.add(auditSeconds);
                }
                out.printf(
                        "%s: bare source %,.0f, audited %,.0f changes/s%n",
                        round == 0 ? "Warm-up (not counted)" : "Round " + round,
                        records.size() / bareSeconds,
                        records.size() / auditSeconds);
            }
            double bareMedian = IngestBench.median(bare);
            double auditMedian = IngestBench.median(audited);
            return new Result(
                    records.size(),
                    datasets,
                    options.rounds(),
                    records.size() / bareMedian,
                    records.size() / auditMedian,
                    bareMedian / auditMedian,
                    Machine.current());
        }
    }

    /** The demo's versioned change logs, once per copy, each copy under its own dataset names. */
    static List<DemoRecord> copies(Options options) throws Exception {
        Topics topics = Topics.DEFAULTS;
        RecordDecoder decoder = new RecordDecoder(topics, SchemaResolver.bundledOnly());
        DataHubAvroEncoder encoder = new DataHubAvroEncoder();
        List<MetadataChange> changes = new ArrayList<>();
        for (DemoRecord r : DemoGenerator.generate(options.data()).records()) {
            if (r.topic().equals(topics.versioned())
                    && decoder.decode(
                                    new RawRecord(
                                            r.topic(),
                                            0,
                                            0,
                                            r.timestampMillis(),
                                            r.key(),
                                            r.value()))
                            instanceof Decoded.Change change) {
                changes.add(change.event());
            }
        }
        List<DemoRecord> out = new ArrayList<>(changes.size() * options.copies());
        for (int copy = 0; copy < options.copies(); copy++) {
            String suffix = "_c" + copy + ",";
            for (MetadataChange c : changes) {
                String urn = c.entityUrn().replaceFirst(",([A-Z]+)\\)$", suffix + "$1)");
                MetadataChange renamed =
                        new MetadataChange(
                                urn,
                                c.entityType(),
                                c.aspectName(),
                                c.changeType(),
                                c.aspectJson(),
                                c.previousAspectJson(),
                                c.eventMillis(),
                                c.actor(),
                                c.timeseries());
                out.add(
                        new DemoRecord(
                                topics.versioned(),
                                urn.getBytes(StandardCharsets.UTF_8),
                                encoder.encode(renamed),
                                c.eventMillis()));
            }
        }
        return out;
    }

    private static double bareRound(EmbeddedStack stack, int round) throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        env.fromSource(source(stack, GROUP + "-bare-" + round), Sources.watermarks(), "Change logs")
                .uid("kafka-source")
                .sinkTo(new DiscardingSink<>())
                .name("Discard");
        return IngestBench.timeToFinish(
                stack.flink(), stack.flink().submit(env, "bench-health-bare"));
    }

    private static double auditRound(EmbeddedStack stack, int round, PostgresOptions db)
            throws Exception {
        StreamExecutionEnvironment env = environment(stack);
        HealthJob.wire(
                env,
                source(stack, GROUP + "-" + round),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                HealthRulesConfig.defaults(),
                db);
        return IngestBench.timeToFinish(stack.flink(), stack.flink().submit(env, "bench-health"));
    }

    private static StreamExecutionEnvironment environment(EmbeddedStack stack) {
        return JobSettings.apply(stack.flink().environment(), Duration.ofSeconds(1), PARALLELISM);
    }

    private static Source<RawRecord, ?, ?> source(EmbeddedStack stack, String group) {
        return Sources.kafka(
                stack.kafka().bootstrapServers(),
                List.of(Topics.DEFAULTS.versioned()),
                group,
                Sources.Start.EARLIEST,
                true,
                Map.of());
    }

    private static long count(PostgresOptions db, String sql) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
