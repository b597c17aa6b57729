package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.event.Topics;
import io.dataspoke.health.rollup.RollupRange;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.AlertRoute;
import io.dataspoke.quality.alert.AlertRouting;
import io.dataspoke.quality.contract.Contracts;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails when any stream type of a job falls back to Kryo. Kryo is slow, breaks savepoint
 * compatibility when classes change, and cannot serialize {@code List.of}/{@code Map.of} on Java
 * 17, so every event must be a POJO or record Flink serializes itself.
 */
class NoKryoTest {

    @Test
    void ingestJobHasNoGenericTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(env, Duration.ofSeconds(10), 1);
        IngestJob.wire(
                env,
                Sources.kafka(
                        "localhost:9092",
                        Topics.DEFAULTS,
                        "g",
                        Sources.Start.EARLIEST,
                        true,
                        Map.of()),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p"));

        assertNoGenericOutputs(env);
        // Building the stream graph creates every serializer; with generic types disabled by
        // JobSettings this throws on any Kryo fallback the walk above could have missed.
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void metadataHealthJobWithDigestsAndWriteBackHasNoGenericTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(env, Duration.ofSeconds(10), 1);
        HealthJob.wire(
                env,
                Sources.kafka(
                        "localhost:9092",
                        List.of(Topics.DEFAULTS.versioned()),
                        "g",
                        Sources.Start.EARLIEST,
                        true,
                        Map.of()),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                io.dataspoke.health.HealthRulesConfig.defaults(),
                new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p"),
                new HealthJob.Digests(
                        Duration.ofDays(1),
                        10,
                        "https://hooks.slack.com/services/T/B/x",
                        Map.of(),
                        null),
                io.dataspoke.sinks.datahub.DataHubSinkOptions.withoutToken("http://gms:8080"));

        assertNoGenericOutputs(env);
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void qualityMonitorWithAlertsStatusTopicAndWriteBackHasNoGenericTypes(@TempDir Path dir)
            throws Exception {
        Path contract = dir.resolve("orders.yaml");
        Files.writeString(
                contract,
                """
                dataset: sales.orders
                slo: { freshness: "< 1 hour", completeness: "> 99%" }
                checks:
                  - row_count > 0
                  - schema
                """);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(env, Duration.ofSeconds(10), 1);
        QualityJob.wire(
                env,
                Sources.kafka(
                        "localhost:9092",
                        Topics.DEFAULTS,
                        "g",
                        Sources.Start.EARLIEST,
                        true,
                        Map.of()),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                QualityJob.Settings.defaults(Contracts.load(dir)),
                new QualityJob.Destinations(
                        new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p"),
                        "localhost:9092",
                        "dataspoke.dataset-status",
                        Map.of(),
                        new QualityJob.Alerts(
                                Duration.ofMinutes(5),
                                new AlertRouting(
                                        List.of(
                                                new AlertRoute(
                                                        "all", null, null, Severity.LOW, "X")),
                                        null),
                                Map.of("all", "https://hooks.slack.com/services/T/B/x"),
                                null),
                        io.dataspoke.sinks.datahub.DataHubSinkOptions.withoutToken(
                                "http://gms:8080")));

        assertNoGenericOutputs(env);
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void healthRollupJobHasNoGenericTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(HealthRollupJob.settings());
        PostgresOptions postgres =
                new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p");
        RollupRange range =
                new RollupRange(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"));
        HealthRollupJob.wire(
                env,
                HealthHistorySource.until(postgres, range.end()),
                Map.of("urn:li:corpuser:alice", "payments"),
                range,
                postgres);

        assertNoGenericOutputs(env);
        // Also creates the serializers of the window state that holds each key's records.
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    @Test
    void anomalyTrainingJobHasNoGenericTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(AnomalyTrainingJob.settings());
        PostgresOptions postgres =
                new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p");
        AnomalyTrainingJob.wire(
                env,
                TrainingHistorySource.between(
                        postgres, java.time.Instant.EPOCH, java.time.Instant.now()),
                new io.dataspoke.anomaly.training.TrainingRun(1, 0),
                postgres);

        assertNoGenericOutputs(env);
        // Also creates the serializers of the window state that holds each dataset's history.
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    /** Every operator's output type, walked back from the sinks, is serialized by Flink itself. */
    @Test
    void knowledgeSyncJobHasNoGenericTypes() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(env, Duration.ofSeconds(10), 1);
        KnowledgeSyncJob.wire(
                env,
                Sources.kafka(
                        "localhost:9092",
                        List.of(Topics.DEFAULTS.versioned()),
                        "g",
                        Sources.Start.EARLIEST,
                        false,
                        Map.of()),
                new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                KnowledgeSyncJob.Settings.defaults(),
                new PostgresOptions("jdbc:postgresql://localhost:5432/x", "u", "p"),
                Duration.ofSeconds(30),
                new io.dataspoke.sinks.qdrant.LocalIndexOptions("/tmp/x"));

        assertNoGenericOutputs(env);
        assertThat(env.getStreamGraph().getStreamNodes()).isNotEmpty();
    }

    private static void assertNoGenericOutputs(StreamExecutionEnvironment env) {
        List<String> generic = new ArrayList<>();
        for (Transformation<?> sink : env.getTransformations()) {
            for (Transformation<?> t : sink.getTransitivePredecessors()) {
                if (containsGeneric(t.getOutputType())) {
                    generic.add(t.getName() + ": " + t.getOutputType());
                }
            }
        }
        assertThat(generic).as("operators whose output falls back to Kryo").isEmpty();
    }

    private static boolean containsGeneric(TypeInformation<?> type) {
        if (type instanceof GenericTypeInfo) {
            return true;
        }
        if (type instanceof org.apache.flink.api.common.typeutils.CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                if (containsGeneric(composite.getTypeAt(i))) {
                    return true;
                }
            }
        }
        if (type instanceof org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo<?, ?> array) {
            return containsGeneric(array.getComponentInfo());
        }
        return false;
    }
}
