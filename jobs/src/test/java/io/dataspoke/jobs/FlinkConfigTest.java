package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.metrics.prometheus.PrometheusReporter;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategy;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategyFactoryLoader;
import org.apache.flink.runtime.metrics.ReporterSetup;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * flink-conf/config.yaml, loaded by Flink's own loader ({@link GlobalConfiguration}), does what its
 * comments say: each setting is checked where Flink applies it, not as text.
 */
class FlinkConfigTest {

    private static final Path DIR =
            Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                    .resolve("flink-conf");

    private static Configuration config;

    @BeforeAll
    static void load() {
        Path dir = Files.isDirectory(DIR) ? DIR : Path.of("../flink-conf");
        assertThat(dir.resolve("config.yaml")).exists();
        config = GlobalConfiguration.loadConfiguration(dir.toString());
    }

    @Test
    void stateIsRocksDbWithIncrementalCheckpoints() throws Exception {
        StateBackend backend =
                StateBackendLoader.loadStateBackendFromConfig(
                        config, getClass().getClassLoader(), null);

        assertThat(backend).isInstanceOf(EmbeddedRocksDBStateBackend.class);
        assertThat(((EmbeddedRocksDBStateBackend) backend).isIncrementalCheckpointsEnabled())
                .isTrue();
    }

    @Test
    void checkpointsAreExactlyOnceAndKeptOnCancellation() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        CheckpointConfig checkpoints = env.getCheckpointConfig();

        assertThat(checkpoints.getCheckpointInterval()).isEqualTo(30_000);
        assertThat(checkpoints.getCheckpointingConsistencyMode())
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(checkpoints.getMinPauseBetweenCheckpoints()).isEqualTo(10_000);
        assertThat(checkpoints.getCheckpointTimeout()).isEqualTo(600_000);
        assertThat(checkpoints.getTolerableCheckpointFailureNumber()).isEqualTo(3);
        assertThat(checkpoints.getExternalizedCheckpointRetention())
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(env.getParallelism()).isEqualTo(2);
    }

    @Test
    void genericTypesAreOff() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);

        assertThat(env.getConfig().hasGenericTypesDisabled()).isTrue();
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(200);
    }

    @Test
    void restartsBackOffExponentially() throws Exception {
        RestartBackoffTimeStrategy strategy =
                RestartBackoffTimeStrategyFactoryLoader.createRestartBackoffTimeStrategyFactory(
                                // No restart strategy set by the job: the cluster's applies.
                                RestartStrategies.fallBackRestart(),
                                new Configuration(),
                                config,
                                true)
                        .create();

        assertThat(strategy.getClass().getSimpleName())
                .isEqualTo("ExponentialDelayRestartBackoffTimeStrategy");
        strategy.notifyFailure(new RuntimeException("the sink is down"));
        // 1 s, with the 10% jitter.
        assertThat(strategy.getBackoffTime()).isBetween(900L, 1_100L);
        assertThat(strategy.canRestart()).isTrue();
        // Failures within one backoff count once, so the growth is read from Flink's options.
        assertThat(
                        config.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(
                        config.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                .isEqualTo(2.0);
        assertThat(
                        config.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void metricsGoToAPrometheusEndpoint() {
        List<ReporterSetup> reporters = ReporterSetup.fromConfiguration(config, null);

        assertThat(reporters).hasSize(1);
        assertThat(reporters.get(0).getName()).isEqualTo("prom");
        assertThat(reporters.get(0).getReporter()).isInstanceOf(PrometheusReporter.class);
    }
}
