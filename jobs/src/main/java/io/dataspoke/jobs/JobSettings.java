package io.dataspoke.jobs;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The settings every DataSpoke streaming job runs with, applied through configuration keys so the
 * code moves unchanged to Flink 2: RocksDB with incremental checkpoints, exactly-once checkpoints
 * retained on cancellation (a cancelled job can be restored), and generic types off so nothing
 * silently falls back to Kryo.
 */
public final class JobSettings {

    private JobSettings() {}

    /** Configuration for a job checkpointing every {@code checkpointInterval}. */
    public static Configuration streaming(Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /** Applies {@link #streaming} and {@code parallelism} to an environment. */
    public static StreamExecutionEnvironment apply(
            StreamExecutionEnvironment env, Duration checkpointInterval, int parallelism) {
        env.configure(streaming(checkpointInterval));
        env.setParallelism(parallelism);
        return env;
    }
}
