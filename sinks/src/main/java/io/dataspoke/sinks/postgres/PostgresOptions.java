package io.dataspoke.sinks.postgres;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;

/**
 * Where DataSpoke's Postgres is. Travels with the sinks, so it holds only what a writer needs to
 * connect; the password is resolved by the caller (environment or file), never from config text.
 */
public record PostgresOptions(String jdbcUrl, String user, String password)
        implements Serializable {

    public PostgresOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "expected a jdbc:postgresql: URL, got '" + jdbcUrl + "'");
        }
    }

    /** The connection options of the Flink JDBC connector. */
    public JdbcConnectionOptions connection() {
        return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(jdbcUrl)
                .withDriverName("org.postgresql.Driver")
                .withUsername(user)
                .withPassword(password)
                .withConnectionCheckTimeoutSeconds(30)
                .build();
    }

    /** A plain JDBC connection, for the reads and one-off writes outside Flink's sinks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresOptions[" + jdbcUrl + ", user=" + user + "]";
    }
}
