package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.db.Migrations;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.KafkaReplayer;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.event.Topics;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the ingest job in the middle of a replay, after rows past its last checkpoint were already
 * written, restores it from that checkpoint, and finds Postgres identical to an uninterrupted run:
 * keyed state comes back from the checkpoint and the upserts make re-processing harmless.
 */
class CheckpointRestoreITCase {

    private static final Topics TOPICS =
            new Topics("ck.mcl", "ck.mcl-ts", "ck.platform", "ck.openlineage", "ck.queries");

    @TempDir static Path workDir;

    private static EmbeddedStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        stack.kafka().createTopics(TOPICS.all(), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void restoredRunLeavesTheSameTablesAsAnUninterruptedOne() throws Exception {
        List<DemoRecord> records =
                retarget(
                        DemoGenerator.generate(
                                        new DemoConfig(
                                                11, 60, 14, Instant.parse("2026-01-05T00:00:00Z")))
                                .records());
        int half = records.size() / 2;
        KafkaReplayer replayer = new KafkaReplayer(stack.kafka().bootstrapServers());

        PostgresOptions recovered = database("recovered");
        PostgresTables recoveredTables = tables(recovered);

        // 1. First half of the history; the job runs with periodic checkpoints effectively off so
        //    the test decides where the checkpoint falls.
        Map<TopicPartition, Long> ends =
                new HashMap<>(replayer.replay(records.subList(0, half), 0, sent -> {}));
        JobID first = submit(recovered, "recovered", Duration.ofHours(1), null);
        recoveredTables.awaitCount(
                "SELECT count(*) FROM dataset_metrics", n -> n > 0, "first metric rows", 60_000);
        recoveredTables.awaitCount(
                "SELECT count(*) FROM entities", n -> n > 0, "first entity rows", 60_000);
        String checkpoint = checkpointWhenAllTasksRun(first);
        long atCheckpoint = recoveredTables.count("SELECT count(*) FROM dataset_metrics");

        // 2. The rest arrives and is partly written after the checkpoint; then the job dies.
        ends.putAll(replayer.replay(records.subList(half, records.size()), 0, sent -> {}));
        recoveredTables.awaitCount(
                "SELECT count(*) FROM dataset_metrics",
                n -> n > atCheckpoint + 100,
                "rows written after the checkpoint",
                60_000);
        stack.flink().cancel(first);

        // 3. Restore from the checkpoint and let it finish the replay.
        JobID restored = submit(recovered, "recovered", Duration.ofMillis(300), checkpoint);
        try (ConsumerProgress progress =
                new ConsumerProgress(stack.kafka().bootstrapServers(), "recovered")) {
            progress.await(ends, Duration.ofMinutes(3), lag -> {});
        }
        stack.flink().cancel(restored);

        // 4. The same history, uninterrupted, into a database of its own.
        PostgresOptions reference = database("reference");
        JobID uninterrupted = submit(reference, "reference", Duration.ofMillis(300), null);
        try (ConsumerProgress progress =
                new ConsumerProgress(stack.kafka().bootstrapServers(), "reference")) {
            progress.await(ends, Duration.ofMinutes(3), lag -> {});
        }
        stack.flink().cancel(uninterrupted);

        List<String> expected = tables(reference).dumpAll();
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(recoveredTables.dumpAll()).containsExactlyElementsOf(expected);
    }

    /** A checkpoint is refused until every task has finished initialising; retry until then. */
    private static String checkpointWhenAllTasksRun(JobID job) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return stack.flink().miniCluster().triggerCheckpoint(job).get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no checkpoint of the running job within 60 s", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static JobID submit(
            PostgresOptions postgres, String group, Duration checkpoints, String restoreFrom) {
        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, checkpoints, 2);
        IngestJob.wire(env, source(group, false), decoder(), postgres);
        return restoreFrom == null
                ? stack.flink().submit(env, group)
                : stack.flink().submit(env, group + "-restored", restoreFrom);
    }

    private static org.apache.flink.api.connector.source.Source<io.dataspoke.event.RawRecord, ?, ?>
            source(String group, boolean bounded) {
        return Sources.kafka(
                stack.kafka().bootstrapServers(),
                TOPICS,
                group,
                Sources.Start.EARLIEST,
                bounded,
                Map.of());
    }

    private static RecordDecoder decoder() {
        return new RecordDecoder(TOPICS, SchemaResolver.bundledOnly());
    }

    private static PostgresOptions database(String name) {
        String url = stack.postgres().createDatabase(name);
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        return new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
    }

    private static PostgresTables tables(PostgresOptions options) {
        return new PostgresTables(options.jdbcUrl(), options.user(), options.password());
    }

    /** The demo's records on this test's own topics. */
    private static List<DemoRecord> retarget(List<DemoRecord> records) {
        Map<String, String> rename =
                Map.of(
                        Topics.DEFAULTS.versioned(), TOPICS.versioned(),
                        Topics.DEFAULTS.timeseries(), TOPICS.timeseries(),
                        Topics.DEFAULTS.platformEvents(), TOPICS.platformEvents(),
                        Topics.DEFAULTS.openLineage(), TOPICS.openLineage(),
                        Topics.DEFAULTS.queryLogs(), TOPICS.queryLogs());
        return records.stream()
                .map(
                        r ->
                                new DemoRecord(
                                        rename.get(r.topic()),
                                        r.key(),
                                        r.value(),
                                        r.timestampMillis()))
                .toList();
    }
}
