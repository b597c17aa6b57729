package io.dataspoke.sinks.postgres;

import static io.dataspoke.sinks.postgres.PostgresSinks.sink;
import static io.dataspoke.sinks.postgres.PostgresSinks.time;

import io.dataspoke.anomaly.training.AnomalyModelRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The anomaly-training job's Postgres sink: one row per dataset metric and training run in {@code
 * anomaly_models}. An upsert on (dataset, metric, version), so a retried run rewrites its own rows
 * and never touches those of earlier versions.
 */
public final class AnomalyModelSinks {

    static final String MODELS_SQL =
            """
            INSERT INTO anomaly_models (dataset_urn, metric, version, trained_at, history_from,
                                        history_through, points, excluded, detector, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dataset_urn, metric, version) DO UPDATE SET
                trained_at      = EXCLUDED.trained_at,
                history_from    = EXCLUDED.history_from,
                history_through = EXCLUDED.history_through,
                points          = EXCLUDED.points,
                excluded        = EXCLUDED.excluded,
                detector        = EXCLUDED.detector,
                state           = EXCLUDED.state
            """;

    private AnomalyModelSinks() {}

    /** Writes trained models. */
    public static JdbcSink<AnomalyModelRow> models(PostgresOptions options) {
        return sink(MODELS_SQL, AnomalyModelSinks::bindModel, options);
    }

    static void bindModel(PreparedStatement ps, AnomalyModelRow m) throws SQLException {
        ps.setString(1, m.datasetUrn());
        ps.setString(2, m.metric());
        ps.setLong(3, m.version());
        ps.setObject(4, time(m.trainedAtMillis()));
        ps.setObject(5, time(m.historyFromMillis()));
        ps.setObject(6, time(m.historyThroughMillis()));
        ps.setInt(7, m.points());
        ps.setInt(8, m.excluded());
        ps.setString(9, m.detector());
        ps.setBytes(10, m.state());
    }
}
