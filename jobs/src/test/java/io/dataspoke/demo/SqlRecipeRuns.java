package io.dataspoke.demo;

import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sql.SqlScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs sql/catalog.sql and every script in sql/recipes in a Flink Table environment against the
 * demo's Postgres and status topic, reads the figures each should agree with straight from
 * Postgres, and reads what {@code dataspoke report} draws, while the demo's stack is still up.
 */
final class SqlRecipeRuns {

    /** Rows of each recipe, by file name. */
    final Map<String, List<Row>> rows = new LinkedHashMap<>();

    /** Figures read with plain JDBC, by name. */
    final Map<String, Long> direct = new LinkedHashMap<>();

    /** What {@code dataspoke report} reads of the same database. */
    io.dataspoke.report.ReportData report;

    static List<String> recipes() throws Exception {
        Path dir =
                Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                        .resolve("sql/recipes");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../sql/recipes");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .sorted()
                    .toList();
        }
    }

    void run(EmbeddedStack stack, PostgresOptions postgres) throws Exception {
        TableEnvironment env = SqlScripts.environment();
        SqlScripts.createCatalog(
                env,
                Map.of(
                        "postgres.url", postgres.jdbcUrl(),
                        "postgres.user", postgres.user(),
                        "postgres.password", postgres.password(),
                        "kafka.bootstrapServers", stack.kafka().bootstrapServers(),
                        "kafka.statusTopic", DemoRunner.STATUS_TOPIC));
        for (String recipe : recipes()) {
            List<String> statements =
                    SqlScripts.statements(SqlScripts.resource("sql/recipes/" + recipe));
            List<Row> result = new ArrayList<>();
            try (CloseableIterator<Row> it =
                    env.executeSql(statements.get(statements.size() - 1)).collect()) {
                it.forEachRemaining(result::add);
            }
            rows.put(recipe, result);
        }
        try (Connection c = postgres.connect()) {
            report = io.dataspoke.report.ReportData.read(c);
        }
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            direct.put(
                    "anomalyDatasets",
                    count(
                            s,
                            "SELECT count(DISTINCT dataset_urn) FROM anomalies WHERE state ="
                                    + " 'RAISED'"));
            direct.put("raised", count(s, "SELECT count(*) FROM anomalies WHERE state = 'RAISED'"));
            direct.put(
                    "blocked",
                    count(s, "SELECT count(*) FROM dataset_status WHERE status = 'BLOCK'"));
            direct.put("statusRows", count(s, "SELECT count(*) FROM dataset_status"));
            direct.put("incidents", count(s, "SELECT count(*) FROM incidents"));
            direct.put(
                    "teamsOwning",
                    count(
                            s,
                            "SELECT count(DISTINCT owner) FROM owner_dataset_health"
                                    + " WHERE owner LIKE 'urn:li:corpGroup:%'"));
            direct.put(
                    "teamsLatestDay",
                    count(
                            s,
                            "SELECT count(*) FROM health_rollup WHERE group_kind = 'team' AND day ="
                                    + " (SELECT max(day) FROM health_rollup WHERE group_kind ="
                                    + " 'team')"));
            direct.put(
                    "freshnessMisses7d",
                    count(
                            s,
                            "SELECT count(*) FROM check_results WHERE check_type = 'freshness'"
                                    + " AND outcome IN ('WARN', 'FAIL') AND evaluated_at >="
                                    + " (SELECT max(evaluated_at) FROM check_results) - interval"
                                    + " '7 days'"));
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
