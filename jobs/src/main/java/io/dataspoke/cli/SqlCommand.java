package io.dataspoke.cli;

import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sql.SqlScripts;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dataspoke sql}: Flink SQL over DataSpoke's results without a cluster. The catalog
 * (sql/catalog.sql, in the jar) is created first against the database and status topic the config
 * names, then each script or statement runs in batch mode and its result prints as a table.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Run Flink SQL over DataSpoke's tables (the catalog of sql/catalog.sql) and print the"
                    + " results: recipes in sql/recipes, or your own statements.",
            "Example: dataspoke sql -f sql/recipes/blocked_now.sql --config my.yaml"
        })
final class SqlCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "A script to run (repeatable); every statement of it runs in turn.")
    List<Path> files = new ArrayList<>();

    @Option(
            names = {"-e", "--execute"},
            paramLabel = "STATEMENT",
            description = "A statement to run (repeatable), after the files.")
    List<String> statements = new ArrayList<>();

    @Option(
            names = "--config",
            required = true,
            description = "YAML config naming the database and Kafka (see docs/configuration.md).")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.isEmpty() && statements.isEmpty()) {
            err.println("dataspoke sql: give a script with -f or a statement with -e");
            return DataSpokeCli.BAD_USAGE;
        }
        List<String> toRun = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("dataspoke sql: " + file + " does not exist");
                return DataSpokeCli.BAD_USAGE;
            }
            toRun.addAll(SqlScripts.statements(Files.readString(file, StandardCharsets.UTF_8)));
        }
        for (String statement : statements) {
            toRun.addAll(SqlScripts.statements(statement));
        }
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        PostgresOptions postgres = settings.postgresOptions(config, System::getenv);
        TableEnvironment env = SqlScripts.environment();
        SqlScripts.createCatalog(
                env,
                Map.of(
                        "postgres.url", postgres.jdbcUrl(),
                        "postgres.user", postgres.user(),
                        "postgres.password", postgres.password() == null ? "" : postgres.password(),
                        "kafka.bootstrapServers", settings.kafka().bootstrapServers(),
                        "kafka.statusTopic", settings.quality().statusTopic()));
        for (String statement : toRun) {
            TableResult result = env.executeSql(statement);
            out.flush();
            // Prints as the SQL client's tableau mode does, rows as they come.
            result.print();
        }
        return 0;
    }
}
