package io.dataspoke.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFlinkITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path workDir;

    private static EmbeddedFlink flink;

    @BeforeAll
    static void startFlink() throws Exception {
        flink = EmbeddedFlink.start(workDir, 0, 2);
    }

    @AfterAll
    static void stopFlink() throws Exception {
        if (flink != null) {
            flink.close();
        }
    }

    /** A Java record: Flink 1.20 serializes it as a POJO, so generic types can stay disabled. */
    public record Reading(String sensor, long value) {}

    @Test
    void boundedKeyedSumRunsToCompletion() throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        CollectingSink<Reading> sink = new CollectingSink<>();
        env.fromData(
                        new Reading("a", 1),
                        new Reading("b", 10),
                        new Reading("a", 2),
                        new Reading("c", 100),
                        new Reading("b", 20),
                        new Reading("a", 3))
                .keyBy(Reading::sensor, Types.STRING)
                .reduce(new SumReadings())
                .uid("sum-readings")
                .name("Sum readings")
                .sinkTo(sink);

        JobID jobId = flink.submit(env, "embedded-bounded-sum");
        JobExecutionResult result = flink.awaitTermination(jobId, TIMEOUT);

        assertThat(result.getJobID()).isEqualTo(jobId);
        Map<String, List<Long>> runningSums = new LinkedHashMap<>();
        for (Reading r : sink.values()) {
            runningSums.computeIfAbsent(r.sensor(), s -> new ArrayList<>()).add(r.value());
        }
        assertThat(runningSums)
                .containsOnly(
                        Map.entry("a", List.of(1L, 3L, 6L)),
                        Map.entry("b", List.of(10L, 30L)),
                        Map.entry("c", List.of(100L)));

        JsonNode jobs = getJson("/jobs/overview").get("jobs");
        assertThat(jobs.findValuesAsText("name")).contains("embedded-bounded-sum");
    }

    @Test
    void checkpointedStateIsRestoredIntoAResubmittedJob() throws Exception {
        CollectingSink<Tuple3<Long, Long, Long>> firstRun = new CollectingSink<>();
        JobID first = flink.submit(countingJob(firstRun), "embedded-counter");

        long checkpoints =
                Await.until(
                        TIMEOUT,
                        () -> flink.completedCheckpoints(first),
                        n -> n >= 3,
                        n -> "3 completed checkpoints of job " + first + ", have " + n);
        assertThat(checkpoints).isGreaterThanOrEqualTo(3);
        flink.cancel(first);
        assertThat(flink.status(first)).isEqualTo(JobStatus.CANCELED);

        AccessExecutionGraph firstGraph = flink.miniCluster().getExecutionGraph(first).get();
        assertThat(firstGraph.getStateBackendName()).hasValue("EmbeddedRocksDBStateBackend");
        Optional<String> checkpoint = flink.latestCompletedCheckpoint(first);
        assertThat(checkpoint).as("latest completed checkpoint of the cancelled job").isPresent();
        assertThat(Path.of(URI.create(checkpoint.get())))
                .as("checkpoint kept on cancellation")
                .isDirectory()
                .isDirectoryContaining("glob:**/_metadata");
        long seenBeforeCancel = firstRun.values().stream().mapToLong(t -> t.f0).max().orElseThrow();

        CollectingSink<Tuple3<Long, Long, Long>> secondRun = new CollectingSink<>();
        JobID second =
                flink.submit(countingJob(secondRun), "embedded-counter-restored", checkpoint.get());
        List<Tuple3<Long, Long, Long>> restored =
                Await.until(
                        TIMEOUT,
                        secondRun::values,
                        values -> values.size() >= 30,
                        values -> "30 outputs of the restored job, have " + values.size());
        RestoredCheckpointStats restoredFrom =
                flink.miniCluster()
                        .getExecutionGraph(second)
                        .get()
                        .getCheckpointStatsSnapshot()
                        .getLatestRestoredCheckpoint();
        flink.cancel(second);

        assertThat(restoredFrom).isNotNull();
        assertThat(restoredFrom.getExternalPath()).isEqualTo(checkpoint.get());
        // The source resumed where the checkpoint left it, not at 0 ...
        long firstIndex = restored.stream().mapToLong(t -> t.f0).min().orElseThrow();
        assertThat(firstIndex).isPositive().isLessThanOrEqualTo(seenBeforeCancel + 1);
        // ... and every key's count continued from the restored count: the n-th element of a
        // key (index = key + 3(n-1)) is counted as n only if the state came back.
        assertThat(restored)
                .allSatisfy(
                        t ->
                                assertThat(t.f2)
                                        .as("count at index %d", t.f0)
                                        .isEqualTo(t.f0 / 3 + 1));
        assertThat(restored.stream().mapToLong(t -> t.f2).min().orElseThrow()).isGreaterThan(1);
    }

    @Test
    void failedJobReportsItsCause() throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestarts);
        env.fromData(1, 2, 3).map(new FailOnTwo()).sinkTo(new CollectingSink<>());

        JobID jobId = flink.submit(env, "embedded-failing");

        assertThatThrownBy(() -> flink.awaitTermination(jobId, TIMEOUT))
                .isInstanceOf(EmbeddedFlink.JobFailedException.class)
                .hasMessageContaining("FAILED")
                .hasRootCauseMessage("element 2 is not allowed");
    }

    @Test
    void genericTypesAreRejected() {
        StreamExecutionEnvironment env = flink.environment();
        assertThat(env.getConfiguration().get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThatThrownBy(
                        () -> {
                            env.fromData(new NotAPojo("x")).sinkTo(new CollectingSink<>());
                            flink.submit(env, "embedded-generic");
                        })
                .hasStackTraceContaining("Generic types have been disabled");
    }

    @Test
    void environmentExecutesOnThisCluster() throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        CollectingSink<Integer> sink = new CollectingSink<>();
        env.fromData(1, 2, 3).map(new Double()).sinkTo(sink);

        JobExecutionResult result = env.execute("embedded-execute");

        assertThat(sink.values()).containsExactlyInAnyOrder(2, 4, 6);
        assertThat(flink.status(result.getJobID())).isEqualTo(JobStatus.FINISHED);
        CloseableIterator<Integer> collected =
                flink.environment().fromData(7, 8).executeAndCollect();
        List<Integer> values = new ArrayList<>();
        try {
            collected.forEachRemaining(values::add);
        } finally {
            collected.close();
        }
        assertThat(values).containsExactlyInAnyOrder(7, 8);
    }

    @Test
    void clusterIsConfiguredForRocksDbCheckpoints() {
        Map<String, String> config = flink.configuration().toMap();
        assertThat(config)
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry(
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "RETAIN_ON_CANCELLATION")
                .containsEntry("pipeline.generic-types", "false");
        assertThat(Path.of(URI.create(config.get("execution.checkpointing.dir"))))
                .startsWith(workDir)
                .isDirectory();
    }

    @Test
    void dashboardServesTheOverviewAndTheWebApp() throws Exception {
        JsonNode overview = getJson("/overview");
        assertThat(overview.get("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.get("slots-total").asInt()).isEqualTo(2);
        assertThat(overview.get("flink-version").asText()).isEqualTo("1.20.3");

        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.body())
                .contains("<title>Apache Flink Web Dashboard</title>", "<flink-root>");
    }

    @Test
    void closeFreesTheDashboardPortAndDeletesItsDirectory(@TempDir Path otherWorkDir)
            throws Exception {
        int port = Ports.freePort();
        EmbeddedFlink other = EmbeddedFlink.start(otherWorkDir, port, 1);
        try {
            assertThat(other.webUrl()).startsWith("http://").endsWith(":" + port);
            assertThat(Ports.isFree(port)).isFalse();
        } finally {
            other.close();
        }
        assertThat(Ports.isFree(port)).as("port %d after close", port).isTrue();
        try (var files = Files.list(otherWorkDir)) {
            assertThat(files).as("files left in the work directory").isEmpty();
        }
    }

    @Test
    void aBusyDashboardPortIsReportedClearly(@TempDir Path otherWorkDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedFlink.start(otherWorkDir, port, 1))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Flink dashboard port " + port + " is in use");
        }
        try (var files = Files.list(otherWorkDir)) {
            assertThat(files).as("files left after the failed start").isEmpty();
        }
    }

    /**
     * An unbounded job: numbers 0, 1, 2, … at 200 per second, keyed by number mod 3, counted per
     * key in RocksDB state; emits (number, key, count so far).
     */
    private static StreamExecutionEnvironment countingJob(
            CollectingSink<Tuple3<Long, Long, Long>> sink) {
        StreamExecutionEnvironment env = flink.environment();
        env.enableCheckpointing(100);
        env.setParallelism(2);
        DataGeneratorSource<Long> numbers =
                new DataGeneratorSource<>(
                        new Identity(),
                        Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(200),
                        Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "Numbers")
                .uid("numbers")
                .setParallelism(1)
                .keyBy(new ModThree(), Types.LONG)
                .process(new CountPerKey())
                .uid("count-per-key")
                .name("Count per key")
                .sinkTo(sink)
                .uid("collect");
        return env;
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(flink.webUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static final class SumReadings implements ReduceFunction<Reading> {
        @Override
        public Reading reduce(Reading a, Reading b) {
            return new Reading(a.sensor(), a.value() + b.value());
        }
    }

    static final class Identity implements GeneratorFunction<Long, Long> {
        @Override
        public Long map(Long index) {
            return index;
        }
    }

    static final class ModThree implements KeySelector<Long, Long> {
        @Override
        public Long getKey(Long value) {
            return value % 3;
        }
    }

    static final class CountPerKey
            extends KeyedProcessFunction<Long, Long, Tuple3<Long, Long, Long>> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Tuple3<Long, Long, Long>> out)
                throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(Tuple3.of(value, ctx.getCurrentKey(), next));
        }
    }

    static final class FailOnTwo implements MapFunction<Integer, Integer> {
        @Override
        public Integer map(Integer value) {
            if (value == 2) {
                throw new IllegalStateException("element 2 is not allowed");
            }
            return value;
        }
    }

    static final class Double implements MapFunction<Integer, Integer> {
        @Override
        public Integer map(Integer value) {
            return value * 2;
        }
    }

    /** Not a POJO (no default constructor, final field): Flink would fall back to Kryo. */
    static final class NotAPojo {
        private final String value;

        NotAPojo(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }
}
