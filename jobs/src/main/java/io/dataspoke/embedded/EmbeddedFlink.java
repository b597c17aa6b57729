package io.dataspoke.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster (one TaskManager) with the web dashboard, RocksDB state with incremental
 * checkpoints, checkpoints kept on cancellation, and Kryo fallback disabled, for the demo and the
 * integration tests. Everything it writes (checkpoints, RocksDB files, blobs, the dashboard's
 * files) lives in a new directory under the given work directory, deleted on close.
 */
public final class EmbeddedFlink implements AutoCloseable {

    /** The dashboard port used when none is given. */
    public static final int DEFAULT_WEB_PORT = 8081;

    /** Task slots of the single TaskManager when none are given. */
    public static final int DEFAULT_SLOTS = 2;

    /** Managed (off-heap) memory per slot, which RocksDB takes its caches and buffers from. */
    static final MemorySize MANAGED_MEMORY_PER_SLOT = MemorySize.ofMebiBytes(256);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlink.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(60);
    private static final String EXECUTION_TARGET = "dataspoke-embedded";

    private final MiniCluster miniCluster;
    private final Configuration configuration;
    private final Path dir;
    private final String webUrl;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ShutdownHook shutdownHook;

    private EmbeddedFlink(
            MiniCluster miniCluster, Configuration configuration, Path dir, String webUrl) {
        this.miniCluster = miniCluster;
        this.configuration = configuration;
        this.dir = dir;
        this.webUrl = webUrl;
        this.shutdownHook = ShutdownHook.register("embedded-flink", this);
    }

    /** Starts a cluster with {@link #DEFAULT_SLOTS} slots and the dashboard on port 8081. */
    public static EmbeddedFlink start(Path workDir) throws IOException {
        return start(workDir, DEFAULT_WEB_PORT, DEFAULT_SLOTS);
    }

    /**
     * Starts a cluster with one TaskManager of {@code slots} slots and the dashboard on {@code
     * webPort} (0 picks a free port; see {@link #webUrl()}).
     */
    public static EmbeddedFlink start(Path workDir, int webPort, int slots) throws IOException {
        return start(workDir, webPort, slots, new Configuration());
    }

    /**
     * Like {@link #start(Path, int, int)}, with {@code overrides} applied last (for example a
     * Prometheus reporter or another checkpoint directory).
     */
    public static EmbeddedFlink start(Path workDir, int webPort, int slots, Configuration overrides)
            throws IOException {
        if (webPort < 0 || webPort > 65535) {
            throw new IllegalArgumentException("webPort must be 0 (any free port) or 1-65535");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1");
        }
        long started = System.nanoTime();
        Path dir = Directories.createUnder(workDir, "flink-");
        Configuration configuration = configuration(dir, webPort, slots);
        configuration.addAll(overrides);
        MiniCluster miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        String webUrl;
        try {
            miniCluster.start();
            URI rest =
                    miniCluster.getRestAddress().get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            webUrl = rest.toString().replaceAll("/+$", "");
        } catch (Exception e) {
            closeQuietly(miniCluster);
            Directories.deleteRecursively(dir);
            if (Ports.isBindFailure(e)) {
                throw new IOException(
                        "Flink dashboard port "
                                + webPort
                                + " is in use; choose another or 0 for any free port",
                        e);
            }
            throw new IOException("Flink MiniCluster did not start", e);
        }
        LOG.info(
                "Flink MiniCluster ({} slots, dashboard {}) started in {} ms",
                slots,
                webUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedFlink(miniCluster, configuration, dir, webUrl);
    }

    private static Configuration configuration(Path dir, int webPort, int slots)
            throws IOException {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Path savepoints = Files.createDirectories(dir.resolve("savepoints"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path web = Files.createDirectories(dir.resolve("web"));

        Configuration c = new Configuration();
        // State: RocksDB with incremental checkpoints, chosen by config keys so that jobs carry
        // no backend classes (state.backend.type, execution.checkpointing.incremental).
        c.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        c.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, savepoints.toUri().toString());
        c.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // Every event type must be a Flink POJO, tuple or record; no silent Kryo fallback.
        c.set(PipelineOptions.GENERIC_TYPES, false);

        c.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // RocksDB lives in managed memory. The local default (128 MB over all slots) leaves each
        // slot's RocksDB write buffers so small that writes stall on memtable flushes.
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY_PER_SLOT.multiply(slots));
        c.set(RestOptions.ADDRESS, "localhost");
        c.set(RestOptions.BIND_ADDRESS, "localhost");
        c.set(RestOptions.BIND_PORT, String.valueOf(webPort));
        // RocksDB files, blobs, the RPC system's jar and the dashboard's files go under dir.
        c.set(CoreOptions.TMP_DIRS, tmp.toString());
        c.set(WebOptions.TMP_DIR, web.toString());
        // No Kerberos or cloud credentials in-process; the token manager would only warn.
        c.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        return c;
    }

    /** The dashboard and REST API, e.g. {@code http://127.0.0.1:8081}. */
    public String webUrl() {
        return webUrl;
    }

    /** A copy of the cluster's configuration. */
    public Configuration configuration() {
        return new Configuration(configuration);
    }

    /** The underlying MiniCluster, for what this class does not cover. */
    public MiniCluster miniCluster() {
        return miniCluster;
    }

    /**
     * A new environment with this cluster's configuration, to build job graphs for {@link #submit}.
     * Its {@code execute()} and {@code executeAsync()} also run on this cluster.
     */
    public StreamExecutionEnvironment environment() {
        Configuration c = new Configuration(configuration);
        c.set(DeploymentOptions.TARGET, EXECUTION_TARGET);
        c.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(
                new ClusterExecutorLoader(), c, Thread.currentThread().getContextClassLoader());
    }

    /** Submits the job built on {@code env} under {@code jobName} and returns its id. */
    public JobID submit(StreamExecutionEnvironment env, String jobName) {
        return submit(env, jobName, SavepointRestoreSettings.none());
    }

    /**
     * Submits the job built on {@code env}, restoring its state from a retained checkpoint or
     * savepoint (see {@link #latestCompletedCheckpoint}). Every operator state in the checkpoint
     * must be matched by a uid in the job.
     */
    public JobID submit(
            StreamExecutionEnvironment env, String jobName, String restoreFromCheckpointPath) {
        if (restoreFromCheckpointPath == null || restoreFromCheckpointPath.isBlank()) {
            throw new IllegalArgumentException(
                    "restoreFromCheckpointPath must be a checkpoint or savepoint path");
        }
        return submit(
                env, jobName, SavepointRestoreSettings.forPath(restoreFromCheckpointPath, false));
    }

    private JobID submit(
            StreamExecutionEnvironment env, String jobName, SavepointRestoreSettings restore) {
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(jobName);
        streamGraph.setSavepointRestoreSettings(restore);
        JobGraph jobGraph =
                streamGraph.getJobGraph(Thread.currentThread().getContextClassLoader(), null);
        JobID jobId =
                await(miniCluster.submitJob(jobGraph), "submitting job " + jobName).getJobID();
        LOG.info(
                "Submitted job '{}' ({}){}",
                jobName,
                jobId,
                restore.restoreSavepoint() ? " restoring from " + restore.getRestorePath() : "");
        return jobId;
    }

    /**
     * Waits for the job to end and returns its result.
     *
     * @throws JobFailedException if the job failed (with the job's failure as the cause) or was
     *     cancelled
     * @throws TimeoutException if the job is still running after {@code timeout}
     */
    public JobExecutionResult awaitTermination(JobID jobId, Duration timeout)
            throws TimeoutException, InterruptedException {
        JobResult result;
        try {
            result =
                    miniCluster
                            .requestJobResult(jobId)
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not get the result of job " + jobId, e.getCause());
        } catch (TimeoutException e) {
            TimeoutException t =
                    new TimeoutException(
                            "Job " + jobId + " still " + status(jobId) + " after " + timeout);
            t.initCause(e);
            throw t;
        }
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        if (result.isSuccess()) {
            try {
                return result.toJobExecutionResult(classLoader);
            } catch (Exception e) {
                throw new IllegalStateException("Could not read the result of job " + jobId, e);
            }
        }
        Throwable cause =
                result.getSerializedThrowable()
                        .map(t -> t.deserializeError(classLoader))
                        .orElse(null);
        throw new JobFailedException(jobId, result.getApplicationStatus().toString(), cause);
    }

    /** The job's current status. */
    public JobStatus status(JobID jobId) {
        return await(miniCluster.getJobStatus(jobId), "getting the status of job " + jobId);
    }

    /** Cancels the job and waits until it is cancelled; a job that already ended is left alone. */
    public void cancel(JobID jobId) {
        if (status(jobId).isGloballyTerminalState()) {
            return;
        }
        try {
            await(miniCluster.cancelJob(jobId), "cancelling job " + jobId);
        } catch (IllegalStateException e) {
            // The job may have ended between the status check and the cancel request.
            if (!status(jobId).isGloballyTerminalState()) {
                throw e;
            }
        }
        JobResult result =
                await(
                        miniCluster.requestJobResult(jobId),
                        "waiting for job " + jobId + " to cancel");
        LOG.info("Job {} ended as {}", jobId, result.getApplicationStatus());
    }

    /**
     * The external pointer (a directory URI) of the job's latest completed checkpoint, to restore
     * from with {@link #submit(StreamExecutionEnvironment, String, String)}; works for running and
     * ended jobs.
     */
    public Optional<String> latestCompletedCheckpoint(JobID jobId) {
        CheckpointStatsSnapshot stats = checkpointStats(jobId);
        if (stats == null) {
            return Optional.empty();
        }
        CompletedCheckpointStats latest = stats.getHistory().getLatestCompletedCheckpoint();
        if (latest == null || latest.isDiscarded()) {
            return Optional.empty();
        }
        return Optional.ofNullable(latest.getExternalPath());
    }

    /** How many checkpoints of the job have completed. */
    public long completedCheckpoints(JobID jobId) {
        CheckpointStatsSnapshot stats = checkpointStats(jobId);
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    private CheckpointStatsSnapshot checkpointStats(JobID jobId) {
        AccessExecutionGraph graph =
                await(
                        miniCluster.getExecutionGraph(jobId),
                        "getting the execution graph of job " + jobId);
        return graph.getCheckpointStatsSnapshot();
    }

    /** Stops the cluster (cancelling running jobs) and deletes its directory. */
    @Override
    public synchronized void close() throws IOException {
        // Synchronized: a second caller (the shutdown hook) waits until the first has finished.
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdownHook.remove();
        long started = System.nanoTime();
        try {
            miniCluster.closeAsync().get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the Flink MiniCluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("Flink MiniCluster did not stop cleanly", e);
        } finally {
            Directories.deleteRecursively(dir);
        }
        LOG.info(
                "Flink MiniCluster stopped in {} ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static void closeQuietly(MiniCluster miniCluster) {
        try {
            miniCluster.closeAsync().get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Flink MiniCluster did not stop cleanly after a failed start", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out " + what, e);
        }
    }

    /** A job ended without success: failed (the cause is the job's failure) or cancelled. */
    public static final class JobFailedException extends RuntimeException {
        private final JobID jobId;
        private final String status;

        JobFailedException(JobID jobId, String status, Throwable cause) {
            super(
                    "Job " + jobId + " ended as " + status + (cause == null ? "" : ": " + cause),
                    cause);
            this.jobId = jobId;
            this.status = status;
        }

        /** The job's id. */
        public JobID jobId() {
            return jobId;
        }

        /** How the job ended: FAILED, CANCELED or UNKNOWN. */
        public String status() {
            return status;
        }
    }

    /** Lets environments from {@link #environment()} execute on this cluster. */
    private final class ClusterExecutorLoader
            implements PipelineExecutorServiceLoader, PipelineExecutorFactory {

        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration c) {
            return this;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(EXECUTION_TARGET);
        }

        @Override
        public String getName() {
            return EXECUTION_TARGET;
        }

        @Override
        public boolean isCompatibleWith(Configuration c) {
            return EXECUTION_TARGET.equals(c.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration c) {
            return (pipeline, executionConfig, classLoader) -> {
                StreamGraph streamGraph = (StreamGraph) pipeline;
                JobGraph jobGraph = streamGraph.getJobGraph(classLoader, null);
                return miniCluster
                        .submitJob(jobGraph)
                        .thenApply(
                                submitted ->
                                        (JobClient)
                                                new MiniClusterJobClient(
                                                        submitted.getJobID(),
                                                        miniCluster,
                                                        classLoader,
                                                        MiniClusterJobClient.JobFinalizationBehavior
                                                                .NOTHING));
            };
        }
    }
}
