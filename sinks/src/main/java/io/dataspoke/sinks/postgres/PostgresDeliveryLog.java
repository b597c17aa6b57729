package io.dataspoke.sinks.postgres;

import io.dataspoke.sinks.slack.DeliveryLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The Slack delivery log in Postgres: table {@code slack_deliveries}, keyed by dedup key. */
public final class PostgresDeliveryLog implements DeliveryLog {

    private final PostgresOptions options;

    public PostgresDeliveryLog(PostgresOptions options) {
        this.options = options;
    }

    @Override
    public Store open() throws SQLException {
        return new PostgresStore(
                DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password()));
    }

    @Override
    public String toString() {
        return "PostgresDeliveryLog[" + options + "]";
    }

    private static final class PostgresStore implements Store {
        private final Connection connection;

        PostgresStore(Connection connection) {
            this.connection = connection;
        }

        @Override
        public synchronized boolean delivered(String dedupKey) throws SQLException {
            try (PreparedStatement ps =
                    connection.prepareStatement(
                            "SELECT 1 FROM slack_deliveries WHERE dedup_key = ?")) {
                ps.setString(1, dedupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        @Override
        public synchronized void recordDelivered(String dedupKey) throws SQLException {
            try (PreparedStatement ps =
                    connection.prepareStatement(
                            "INSERT INTO slack_deliveries (dedup_key, delivered_at)"
                                    + " VALUES (?, now()) ON CONFLICT (dedup_key) DO NOTHING")) {
                ps.setString(1, dedupKey);
                ps.executeUpdate();
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            connection.close();
        }
    }
}
