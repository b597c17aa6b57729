package io.dataspoke.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.embedded.EmbeddedPostgres;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsITCase {

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
    void migratesAFreshDatabaseToTheLatestVersion() throws Exception {
        String url = postgres.createDatabase("migrations_fresh");

        MigrationResult result = Migrations.migrate(url, postgres.user(), postgres.password());

        List<Path> scripts = scriptsOnClasspath();
        assertThat(result.applied()).isEqualTo(scripts.size()).isPositive();
        assertThat(result.currentVersion()).hasValue(latestVersion(scripts));
        assertThat(primaryKeys(url))
                .containsEntry("entities", List.of("urn"))
                .containsEntry("dataset_metrics", List.of("dataset_urn", "observed_at", "source"))
                .containsEntry("pipeline_runs", List.of("run_id", "event_type"))
                .containsEntry("dead_letters", List.of("topic", "kafka_partition", "kafka_offset"))
                .containsEntry("anomaly_models", List.of("dataset_urn", "metric", "version"))
                .containsEntry("anomaly_feedback", List.of("feedback_id"))
                .containsEntry("anomalies", List.of("dataset_urn", "metric", "observed_at"));
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        String url = postgres.createDatabase("migrations_twice");

        MigrationResult first = Migrations.migrate(url, postgres.user(), postgres.password());
        MigrationResult second = Migrations.migrate(url, postgres.user(), postgres.password());

        assertThat(first.applied()).isPositive();
        assertThat(second.applied()).isZero();
        assertThat(second.currentVersion()).isEqualTo(first.currentVersion());
    }

    @Test
    void aFailedMigrationIsNamedAndRolledBack() throws Exception {
        String url = postgres.createDatabase("migrations_failing");

        assertThatThrownBy(
                        () ->
                                Migrations.migrate(
                                        url,
                                        postgres.user(),
                                        postgres.password(),
                                        "classpath:db/failing"))
                .isInstanceOfSatisfying(
                        MigrationException.class,
                        e -> assertThat(e.script()).isEqualTo("V2__broken.sql"))
                .hasMessageContaining("Migration V2__broken.sql on " + url + " failed")
                .hasMessageContaining("no_such_table");

        // V1 stays applied; V2's first statement was rolled back with the rest of the script.
        assertThat(primaryKeys(url)).containsKey("good").doesNotContainKey("half_done");
    }

    @Test
    void aMissingLocationIsAnError() {
        String url = postgres.createDatabase("migrations_nowhere");
        assertThatThrownBy(
                        () ->
                                Migrations.migrate(
                                        url,
                                        postgres.user(),
                                        postgres.password(),
                                        "classpath:db/nowhere"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("db/nowhere");
    }

    /** Primary-key columns per table of the public schema, in key order. */
    private static Map<String, List<String>> primaryKeys(String url) throws SQLException {
        String sql =
                "SELECT tc.table_name, kcu.column_name"
                        + " FROM information_schema.table_constraints tc"
                        + " JOIN information_schema.key_column_usage kcu"
                        + "   ON kcu.constraint_name = tc.constraint_name"
                        + "  AND kcu.table_schema = tc.table_schema"
                        + "  AND kcu.table_name = tc.table_name"
                        + " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'"
                        + " ORDER BY tc.table_name, kcu.ordinal_position";
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return keys;
    }

    private static List<Path> scriptsOnClasspath() throws Exception {
        URL dir = MigrationsITCase.class.getClassLoader().getResource("db/migration");
        assertThat(dir).as("db/migration on the test classpath").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(f -> f.getFileName().toString().matches("V.+__.+\\.sql")).toList();
        }
    }

    private static String latestVersion(List<Path> scripts) {
        return scripts.stream()
                .map(f -> f.getFileName().toString())
                .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__"))))
                .max(MigrationVersion::compareTo)
                .orElseThrow()
                .toString();
    }
}
