package io.dataspoke.jobs;

import io.dataspoke.quality.anomaly.AnomalyModel;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newly trained anomaly models, read from {@code anomaly_models} every poll interval while the
 * quality monitor runs: how it picks up a retrained model without a restart. Each poll returns the
 * latest version of every (dataset, metric) newer than the last version seen; after a restart the
 * first poll returns all latest models again, which the detectors ignore unless newer than theirs.
 * A failed poll is logged and retried at the next interval.
 *
 * <p>A {@link Polls} source: models have no event time, so they never hold back the detection they
 * are connected to.
 */
final class AnomalyModelSource {

    /** How often the quality monitor looks for new models by default. */
    static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(AnomalyModelSource.class);

    private AnomalyModelSource() {}

    /** One poll's models. */
    public record Batch(AnomalyModel[] models) {}

    /**
     * The models of {@code postgres}, polled every {@code poll}, one model per element; read once
     * when {@code once} (a bounded replay must be able to finish).
     */
    static DataStream<AnomalyModel> stream(
            StreamExecutionEnvironment env, PostgresOptions postgres, Duration poll, boolean once) {
        return Polls.every(
                        env,
                        new Poll(postgres),
                        TypeInformation.of(Batch.class),
                        poll,
                        once,
                        "Anomaly models (Postgres)",
                        "anomaly-model-source")
                .flatMap(
                        (Batch batch, org.apache.flink.util.Collector<AnomalyModel> out) -> {
                            for (AnomalyModel m : batch.models()) {
                                out.collect(m);
                            }
                        },
                        TypeInformation.of(AnomalyModel.class))
                .uid("anomaly-models")
                .name("Anomaly models")
                .setParallelism(1);
    }

    /**
     * A stream with no models, which ends at once: detectors learn online only. (Flink's data
     * generator reads one element even when asked for none, so this is a one-number sequence
     * filtered out.)
     */
    static DataStream<AnomalyModel> none(StreamExecutionEnvironment env) {
        return env.fromSequence(0, 0)
                .setParallelism(1)
                .name("No anomaly models")
                .flatMap(
                        (Long i, org.apache.flink.util.Collector<AnomalyModel> out) -> {},
                        TypeInformation.of(AnomalyModel.class))
                .setParallelism(1)
                .name("No anomaly models");
    }

    /** One query per element: the latest models newer than those already returned. */
    static final class Poll implements GeneratorFunction<Long, Batch> {

        private static final long serialVersionUID = 1L;

        static final String LATEST_NEWER_THAN =
                """
                SELECT dataset_urn, metric, version, history_through, state
                FROM   anomaly_models_latest
                WHERE  version > ?
                """;

        private final PostgresOptions postgres;
        private transient long seen;

        Poll(PostgresOptions postgres) {
            this.postgres = postgres;
        }

        @Override
        public void open(SourceReaderContext context) {
            seen = 0;
        }

        @Override
        public Batch map(Long index) {
            try (Connection c = postgres.connect();
                    PreparedStatement ps = c.prepareStatement(LATEST_NEWER_THAN)) {
                ps.setLong(1, seen);
                List<AnomalyModel> models = new ArrayList<>();
                long newest = seen;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AnomalyModel m =
                                new AnomalyModel(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getLong(3),
                                        rs.getTimestamp(4).getTime(),
                                        rs.getBytes(5));
                        models.add(m);
                        newest = Math.max(newest, m.version());
                    }
                }
                if (!models.isEmpty()) {
                    LOG.info("{} anomaly models up to version {}", models.size(), newest);
                }
                seen = newest;
                return new Batch(models.toArray(AnomalyModel[]::new));
            } catch (SQLException e) {
                LOG.warn(
                        "Reading anomaly models failed; retrying at the next poll: {}",
                        e.getMessage());
                return new Batch(new AnomalyModel[0]);
            }
        }
    }
}
