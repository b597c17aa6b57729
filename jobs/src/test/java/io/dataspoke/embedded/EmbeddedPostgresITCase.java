package io.dataspoke.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresITCase {

    @TempDir static Path workDir;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start(workDir);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void dataSourceAndJdbcUrlReachTheSameServer() throws Exception {
        try (Connection c = postgres.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT current_database(), current_user, version()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("postgres");
            assertThat(rs.getString(2)).isEqualTo(postgres.user());
            assertThat(rs.getString(3)).startsWith("PostgreSQL 17.");
        }
        try (Connection c =
                DriverManager.getConnection(
                        postgres.jdbcUrl(), postgres.user(), postgres.password())) {
            assertThat(c.getMetaData().getURL()).contains(":" + postgres.port() + "/postgres");
        }
    }

    @Test
    void createdDatabasesAreIsolated() throws Exception {
        String first = postgres.createDatabase("isolation_first");
        String second = postgres.createDatabase("isolation_second");
        assertThat(first)
                .isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/isolation_first");

        execute(
                first,
                "CREATE TABLE only_here (id INTEGER PRIMARY KEY)",
                "INSERT INTO only_here VALUES (1)");

        assertThat(tableCount(first, "only_here")).isEqualTo(1);
        assertThat(tableCount(second, "only_here")).isZero();
        assertThat(tableCount(postgres.jdbcUrl(), "only_here")).isZero();
    }

    @Test
    void databaseNamesMustBePlainIdentifiers() {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postgres.createDatabase("Upper"))
                .isInstanceOf(IllegalArgumentException.class);
        postgres.createDatabase("twice");
        assertThatThrownBy(() -> postgres.createDatabase("twice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void startsOnAGivenPortAndFreesItOnClose(@TempDir Path otherWorkDir) throws Exception {
        int port = Ports.freePort();
        EmbeddedPostgres other = EmbeddedPostgres.start(otherWorkDir, port);
        try {
            assertThat(other.port()).isEqualTo(port);
            assertThat(other.jdbcUrl())
                    .isEqualTo("jdbc:postgresql://localhost:" + port + "/postgres");
            assertThat(Ports.isFree(port)).as("port %d while PostgreSQL runs", port).isFalse();
        } finally {
            other.close();
        }
        assertThat(Ports.isFree(port)).as("port %d after close", port).isTrue();
        try (Stream<Path> files = Files.list(otherWorkDir)) {
            assertThat(files).as("files left in the work directory").isEmpty();
        }
    }

    static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static int tableCount(String jdbcUrl, String table) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*) FROM information_schema.tables WHERE table_name ="
                                        + " '"
                                        + table
                                        + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
