package io.dataspoke.cli;

import io.dataspoke.db.Migrations;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dataspoke migrate --config <file>}: brings DataSpoke's Postgres schema up to date. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply DataSpoke's Postgres migrations (jobs also do this at start).")
final class MigrateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            description = "YAML config naming the database (see docs/configuration.md).")
    Path config;

    @Override
    public Integer call() {
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        PostgresOptions postgres = settings.postgresOptions(config, System::getenv);
        var result = Migrations.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password());
        spec.commandLine().getOut().println("migrate: " + postgres.jdbcUrl() + " " + result);
        return 0;
    }
}
