package io.dataspoke.jobs;

import io.dataspoke.health.rollup.HealthHistoryRow;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.Serializable;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;

/**
 * Reads {@code dataset_health_history} as a bounded stream through the Flink JDBC connector's
 * {@link JdbcSource}, for the batch jobs that look back over documentation health.
 */
public final class HealthHistorySource {

    static final String SQL =
            """
            SELECT urn, evaluated_at, score, rules_broken, owners, domain, removed, hard_deleted
            FROM dataset_health_history
            WHERE evaluated_at < ?
            """;

    private HealthHistorySource() {}

    /** Every history row evaluated before {@code until}, once (a single split, in no set order). */
    public static JdbcSource<HealthHistoryRow> until(PostgresOptions postgres, Instant until) {
        return PostgresHistory.once(
                postgres,
                SQL,
                new Serializable[] {OffsetDateTime.ofInstant(until, ZoneOffset.UTC)},
                new RowExtractor(),
                HealthHistoryRow.class);
    }

    /** One result row to a {@link HealthHistoryRow}, in the column order of {@link #SQL}. */
    static final class RowExtractor implements ResultExtractor<HealthHistoryRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public HealthHistoryRow extract(ResultSet rs) throws SQLException {
            int score = rs.getInt(3);
            Integer scoreOrNull = rs.wasNull() ? null : score; // null for a hard delete
            return new HealthHistoryRow(
                    rs.getString(1),
                    rs.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli(),
                    scoreOrNull,
                    strings(rs.getArray(4)),
                    strings(rs.getArray(5)),
                    rs.getString(6),
                    rs.getBoolean(7),
                    rs.getBoolean(8));
        }

        private static String[] strings(Array array) throws SQLException {
            return array == null ? new String[0] : (String[]) array.getArray();
        }
    }
}
