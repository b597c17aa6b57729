package io.dataspoke.embedded;

import io.dataspoke.db.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL (migrated to the DataSpoke schema) and a Flink MiniCluster in one process,
 * under one work directory: what {@code dataspoke demo} runs on and what integration tests share
 * (start it in a static {@code @BeforeAll}, close it in {@code @AfterAll}).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final EmbeddedFlink flink;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final StartupTimes startupTimes;
    private final ShutdownHook shutdownHook;
    private boolean closed;

    private EmbeddedStack(
            EmbeddedKafka kafka,
            EmbeddedPostgres postgres,
            EmbeddedFlink flink,
            Path workDir,
            boolean ownsWorkDir,
            StartupTimes startupTimes) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.flink = flink;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.startupTimes = startupTimes;
        this.shutdownHook = ShutdownHook.register("embedded-stack", this);
    }

    /** Starts the stack with {@link Options#defaults()}. */
    public static EmbeddedStack start() throws IOException {
        return start(Options.defaults());
    }

    /**
     * Starts Kafka, PostgreSQL (then migrates it) and Flink in parallel. If one part fails, the
     * parts that did start are closed again and the failure is thrown.
     */
    public static EmbeddedStack start(Options options) throws IOException {
        long started = System.nanoTime();
        boolean ownsWorkDir = options.workDir() == null;
        Path workDir =
                ownsWorkDir
                        ? Files.createTempDirectory("dataspoke-stack-")
                        : Files.createDirectories(options.workDir());

        ExecutorService executor = Executors.newFixedThreadPool(3, new StartThreads());
        try {
            Future<Timed<EmbeddedKafka>> kafka =
                    executor.submit(timed(() -> EmbeddedKafka.start(workDir, options.kafkaPort())));
            Future<Timed<EmbeddedPostgres>> postgres =
                    executor.submit(
                            timed(() -> startMigratedPostgres(workDir, options.postgresPort())));
            Future<Timed<EmbeddedFlink>> flink =
                    executor.submit(
                            timed(
                                    () ->
                                            EmbeddedFlink.start(
                                                    workDir,
                                                    options.webPort(),
                                                    options.slots(),
                                                    flinkOverrides(options))));

            List<Throwable> failures = new ArrayList<>();
            Timed<EmbeddedKafka> k = join(kafka, failures);
            Timed<EmbeddedPostgres> p = join(postgres, failures);
            Timed<EmbeddedFlink> f = join(flink, failures);
            if (!failures.isEmpty()) {
                IOException error =
                        new IOException("Embedded stack did not start", failures.get(0));
                failures.stream().skip(1).forEach(error::addSuppressed);
                closeAll(
                        error,
                        f == null ? null : f.value,
                        p == null ? null : p.value,
                        k == null ? null : k.value);
                if (ownsWorkDir) {
                    deleteQuietly(workDir, error);
                }
                throw error;
            }
            StartupTimes times =
                    new StartupTimes(
                            k.took, p.took, f.took, Duration.ofNanos(System.nanoTime() - started));
            LOG.info(
                    "Embedded stack started in {} ms (Kafka {} ms, PostgreSQL + migrations {} ms,"
                            + " Flink {} ms); work dir {}",
                    times.total().toMillis(),
                    times.kafka().toMillis(),
                    times.postgres().toMillis(),
                    times.flink().toMillis(),
                    workDir);
            return new EmbeddedStack(k.value, p.value, f.value, workDir, ownsWorkDir, times);
        } finally {
            executor.shutdownNow();
        }
    }

    private static EmbeddedPostgres startMigratedPostgres(Path workDir, int port)
            throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(workDir, port);
        try {
            Migrations.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password());
            return postgres;
        } catch (RuntimeException e) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The Kafka broker. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The PostgreSQL server; its default database carries the DataSpoke schema. */
    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** The Flink MiniCluster. */
    public EmbeddedFlink flink() {
        return flink;
    }

    /** The directory under which every part keeps its files. */
    public Path workDir() {
        return workDir;
    }

    /** How long each part took to start, and the whole stack. */
    public StartupTimes startupTimes() {
        return startupTimes;
    }

    /**
     * Ties {@code companion} (a local webhook, a client) to the stack's life: {@link #close} closes
     * it first.
     */
    public synchronized void closeWith(AutoCloseable companion) {
        companions.add(java.util.Objects.requireNonNull(companion, "companion"));
    }

    /**
     * Closes the companions, then Flink, then PostgreSQL, then Kafka, each even when closing
     * another failed, and deletes the work directory if the stack created it. The first failure is
     * thrown with the others suppressed.
     */
    private final java.util.List<AutoCloseable> companions = new java.util.ArrayList<>();

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        shutdownHook.remove();
        long started = System.nanoTime();
        IOException error = new IOException("Embedded stack did not close cleanly");
        closeAll(error, companions.toArray(new AutoCloseable[0]));
        closeAll(error, flink, postgres, kafka);
        if (ownsWorkDir) {
            deleteQuietly(workDir, error);
        }
        if (error.getSuppressed().length > 0) {
            throw error;
        }
        LOG.info(
                "Embedded stack stopped in {} ms",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** Closes in the given order; failures are added to {@code error} as suppressed. */
    static void closeAll(IOException error, AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", part.getClass().getSimpleName(), e);
                error.addSuppressed(e);
            }
        }
    }

    private static void deleteQuietly(Path dir, IOException error) {
        try {
            Directories.deleteRecursively(dir);
        } catch (IOException e) {
            error.addSuppressed(e);
        }
    }

    private static <T> Callable<Timed<T>> timed(Callable<T> start) {
        return () -> {
            long t = System.nanoTime();
            T value = start.call();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - t));
        };
    }

    private static <T> T join(Future<T> future, List<Throwable> failures) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            failures.add(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
        return null;
    }

    private record Timed<T>(T value, Duration took) {}

    /**
     * Start-up durations of each part (PostgreSQL including its migrations) and of the whole stack,
     * which is less than their sum because the parts start in parallel.
     */
    public record StartupTimes(Duration kafka, Duration postgres, Duration flink, Duration total) {}

    /**
     * How to start the stack.
     *
     * @param webPort Flink dashboard port; 0 picks a free one
     * @param slots task slots of Flink's single TaskManager
     * @param workDir where every part keeps its files; {@code null} for a temporary directory that
     *     is deleted on close (a given directory is kept, only the parts' own subdirectories are
     *     deleted)
     * @param postgresPort PostgreSQL port; 0 picks a free one
     * @param kafkaPort Kafka broker port; 0 picks a free one
     */
    public record Options(
            int webPort,
            int slots,
            Path workDir,
            int postgresPort,
            int kafkaPort,
            int prometheusPort) {

        /**
         * Dashboard on 8081, 2 slots, a temporary work directory, free ports otherwise, no
         * Prometheus endpoint.
         */
        public static Options defaults() {
            return new Options(
                    EmbeddedFlink.DEFAULT_WEB_PORT, EmbeddedFlink.DEFAULT_SLOTS, null, 0, 0, 0);
        }

        /** Options with another dashboard port (0 picks a free one). */
        public Options withWebPort(int port) {
            return new Options(port, slots, workDir, postgresPort, kafkaPort, prometheusPort);
        }

        /** Options with another number of task slots. */
        public Options withSlots(int count) {
            return new Options(webPort, count, workDir, postgresPort, kafkaPort, prometheusPort);
        }

        /** Options with a given work directory, kept on close. */
        public Options withWorkDir(Path dir) {
            return new Options(webPort, slots, dir, postgresPort, kafkaPort, prometheusPort);
        }

        /** Options with another PostgreSQL port (0 picks a free one). */
        public Options withPostgresPort(int port) {
            return new Options(webPort, slots, workDir, port, kafkaPort, prometheusPort);
        }

        /** Options with another Kafka port (0 picks a free one). */
        public Options withKafkaPort(int port) {
            return new Options(webPort, slots, workDir, postgresPort, port, prometheusPort);
        }

        /**
         * Options with Flink's metrics served for Prometheus on {@code port} (0 for none), as
         * flink-conf/config.yaml sets up a cluster.
         */
        public Options withPrometheusPort(int port) {
            return new Options(webPort, slots, workDir, postgresPort, kafkaPort, port);
        }
    }

    private static org.apache.flink.configuration.Configuration flinkOverrides(Options options) {
        org.apache.flink.configuration.Configuration c =
                new org.apache.flink.configuration.Configuration();
        if (options.prometheusPort() > 0) {
            c.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            c.setString("metrics.reporter.prom.port", Integer.toString(options.prometheusPort()));
        }
        return c;
    }

    private static final class StartThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "embedded-stack-start-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
