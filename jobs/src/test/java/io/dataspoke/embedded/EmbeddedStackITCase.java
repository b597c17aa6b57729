package io.dataspoke.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.event.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedStackITCase {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackITCase.class);

    /** Descriptors and threads a JVM may still open lazily on a second round (jars, pools). */
    private static final long FD_SLACK = 20;

    private static final int THREAD_SLACK = 20;

    @Test
    void startsAndStopsTwiceWithoutLeakingPortsFilesOrThreads() throws Exception {
        List<Long> openFiles = new ArrayList<>();
        List<Integer> threads = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            EmbeddedStack stack =
                    EmbeddedStack.start(EmbeddedStack.Options.defaults().withWebPort(0));
            Path workDir = stack.workDir();
            int kafkaPort = stack.kafka().port();
            int postgresPort = stack.postgres().port();
            int webPort = URI.create(stack.flink().webUrl()).getPort();
            try {
                LOG.info("Round {}: {}", round, stack.startupTimes());
                stack.kafka().createTopics(Topics.DEFAULTS.all(), 2);
                assertThat(tableNames(stack))
                        .contains("entities", "dataset_metrics", "pipeline_runs", "dead_letters");
                assertThat(httpStatus(stack.flink().webUrl() + "/overview")).isEqualTo(200);
                // A keyed job each round: RocksDB, loaded from the first cluster's (deleted)
                // temp dir, must keep working in the next cluster of the same JVM.
                assertThat(sumPerKey(stack.flink()))
                        .containsOnly(Map.entry("a", 4L), Map.entry("b", 2L));
                assertThat(workDir).isDirectory();
            } finally {
                stack.close();
            }
            for (int port : new int[] {kafkaPort, postgresPort, webPort}) {
                assertThat(Ports.isFree(port))
                        .as("round %d: port %d after close", round, port)
                        .isTrue();
            }
            assertThat(workDir)
                    .as("round %d: temporary work directory after close", round)
                    .doesNotExist();
            openFiles.add(openFileDescriptors());
            threads.add(ManagementFactory.getThreadMXBean().getThreadCount());
            LOG.info(
                    "Round {}: {} open file descriptors, {} threads after close",
                    round,
                    openFiles.get(round - 1),
                    threads.get(round - 1));
        }
        if (openFiles.get(0) >= 0) {
            assertThat(openFiles.get(1))
                    .as("open file descriptors after the second round")
                    .isLessThanOrEqualTo(openFiles.get(0) + FD_SLACK);
        }
        assertThat(threads.get(1))
                .as("live threads after the second round")
                .isLessThanOrEqualTo(threads.get(0) + THREAD_SLACK);
    }

    @Test
    void aGivenWorkDirectoryIsKeptButEmptied(@TempDir Path workDir) throws Exception {
        try (EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWebPort(0)
                                .withSlots(1)
                                .withWorkDir(workDir))) {
            assertThat(stack.workDir()).isEqualTo(workDir);
            try (Stream<Path> parts = Files.list(workDir)) {
                assertThat(parts.map(p -> p.getFileName().toString().replaceAll("-\\d+$", "")))
                        .containsExactlyInAnyOrder("kafka", "postgres", "flink");
            }
        }
        assertThat(workDir).isDirectory().isEmptyDirectory();
    }

    @Test
    void aPartThatFailsToStartTakesTheOthersDown(@TempDir Path workDir) throws Exception {
        int webPort = Ports.freePort();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedStack.Options options =
                    EmbeddedStack.Options.defaults()
                            .withWorkDir(workDir)
                            .withWebPort(webPort)
                            .withPostgresPort(taken.getLocalPort());

            assertThatThrownBy(() -> EmbeddedStack.start(options))
                    .isInstanceOf(IOException.class)
                    .hasMessage("Embedded stack did not start")
                    .cause()
                    .hasMessageContaining("did not start on port " + taken.getLocalPort());
        }
        assertThat(Ports.isFree(webPort))
                .as("Flink's dashboard port after the failed start")
                .isTrue();
        try (Stream<Path> parts = Files.list(workDir)) {
            assertThat(parts).as("parts left running or on disk").isEmpty();
        }
    }

    @Test
    void exitingTheJvmWithoutCloseStillStopsEverything(@TempDir Path workDir) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("--add-opens"))
                        .toList());
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        StackThenExit.class.getName(),
                        workDir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output =
                new String(
                        child.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("child JVM exited")
                .isTrue();

        String ready =
                output.lines()
                        .filter(l -> l.startsWith("READY "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("child never got ready:\n" + output));
        for (String port : ready.substring("READY ".length()).split(" ")) {
            assertThat(Ports.isFree(Integer.parseInt(port)))
                    .as("port %s after the child JVM exited", port)
                    .isTrue();
        }
        try (Stream<Path> parts = Files.list(workDir)) {
            assertThat(parts).as("left in the work directory by the child JVM").isEmpty();
        }
    }

    @Test
    void closeReachesEveryPartInOrderEvenWhenOneFails() {
        List<String> closed = new ArrayList<>();
        IOException error = new IOException("close");
        EmbeddedStack.closeAll(
                error,
                () -> closed.add("flink"),
                () -> {
                    closed.add("postgres");
                    throw new IOException("postgres would not stop");
                },
                null,
                () -> closed.add("kafka"));

        assertThat(closed).containsExactly("flink", "postgres", "kafka");
        assertThat(error.getSuppressed())
                .singleElement()
                .hasToString("java.io.IOException: postgres would not stop");
    }

    private static Map<String, Long> sumPerKey(EmbeddedFlink flink) throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        CollectingSink<EmbeddedFlinkITCase.Reading> sink = new CollectingSink<>();
        env.fromData(
                        new EmbeddedFlinkITCase.Reading("a", 1),
                        new EmbeddedFlinkITCase.Reading("b", 2),
                        new EmbeddedFlinkITCase.Reading("a", 3))
                .keyBy(EmbeddedFlinkITCase.Reading::sensor, Types.STRING)
                .reduce(new EmbeddedFlinkITCase.SumReadings())
                .uid("sum")
                .sinkTo(sink);
        JobID job = flink.submit(env, "stack-round");
        flink.awaitTermination(job, Duration.ofSeconds(60));
        Map<String, Long> latest = new HashMap<>();
        sink.values().forEach(r -> latest.put(r.sensor(), r.value()));
        return latest;
    }

    private static List<String> tableNames(EmbeddedStack stack) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = stack.postgres().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT table_name FROM information_schema.tables WHERE"
                                        + " table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int httpStatus(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Open file descriptors of this JVM, or -1 where /proc is not available. */
    private static long openFileDescriptors() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        }
    }
}
