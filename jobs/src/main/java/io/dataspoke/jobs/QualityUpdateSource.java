package io.dataspoke.jobs;

import io.dataspoke.knowledge.flink.QualityUpdate;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every dataset's documentation health score and circuit-breaker status, read from Postgres ({@code
 * dataset_health}, {@code dataset_status}) every poll interval while knowledge-sync runs. Each poll
 * reads every row: the document function drops what did not change, and nothing is missed when a
 * replay rewrites a row with an older event time. A failed poll is logged and retried at the next.
 * A {@link Polls} source: it never holds the entity changes back.
 */
final class QualityUpdateSource {

    private static final Logger LOG = LoggerFactory.getLogger(QualityUpdateSource.class);

    private QualityUpdateSource() {}

    /** One poll's updates. */
    public record Batch(QualityUpdate[] updates) {}

    static DataStream<QualityUpdate> stream(
            StreamExecutionEnvironment env, PostgresOptions postgres, Duration poll, boolean once) {
        return Polls.every(
                        env,
                        new Poll(postgres),
                        TypeInformation.of(Batch.class),
                        poll,
                        once,
                        "Health and status (Postgres)",
                        "quality-source")
                .flatMap(QualityUpdateSource::split, TypeInformation.of(QualityUpdate.class))
                .uid("quality-updates")
                .name("Health and status per dataset")
                .setParallelism(1);
    }

    private static void split(Batch batch, Collector<QualityUpdate> out) {
        for (QualityUpdate u : batch.updates()) {
            out.collect(u);
        }
    }

    /** One query per element. */
    static final class Poll implements GeneratorFunction<Long, Batch> {

        private static final long serialVersionUID = 1L;

        static final String HEALTH_AND_STATUS =
                """
                SELECT COALESCE(h.urn, s.dataset_urn),
                       h.score,
                       s.status,
                       COALESCE(jsonb_array_length(s.incident_ids), 0)
                FROM   dataset_health h
                       FULL OUTER JOIN dataset_status s ON s.dataset_urn = h.urn
                WHERE  h.urn IS NULL OR NOT h.removed
                """;

        private final PostgresOptions postgres;

        Poll(PostgresOptions postgres) {
            this.postgres = postgres;
        }

        @Override
        public void open(SourceReaderContext context) {}

        @Override
        public Batch map(Long index) {
            try (Connection c = postgres.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(HEALTH_AND_STATUS)) {
                List<QualityUpdate> updates = new ArrayList<>();
                while (rs.next()) {
                    int score = rs.getInt(2);
                    Double health = rs.wasNull() ? null : (double) score;
                    updates.add(
                            new QualityUpdate(
                                    rs.getString(1), health, rs.getString(3), rs.getInt(4)));
                }
                return new Batch(updates.toArray(QualityUpdate[]::new));
            } catch (SQLException e) {
                LOG.warn(
                        "Reading health and status failed; retrying at the next poll: {}",
                        e.getMessage());
                return new Batch(new QualityUpdate[0]);
            }
        }
    }
}
