package io.dataspoke.cli;

import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.sinks.kafka.StatusRecords;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataspoke status <urn or name>}: a dataset's circuit-breaker status, for people and for
 * pipeline steps that gate on it. Exit code 0 for PASS and WARN, {@value #BLOCKED} for BLOCK (also
 * for WARN with {@code --fail-on-warn}), 1 when the dataset is unknown or the lookup failed.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Print a dataset's quality status (PASS, WARN or BLOCK) with its reasons.",
            "Exit code 3 when it is BLOCK, so a pipeline step can gate on it."
        })
final class StatusCommand implements Callable<Integer> {

    /** The exit code of a blocked dataset. */
    static final int BLOCKED = 3;

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "DATASET",
            description = "A dataset URN, or its name (e.g. analytics.payments.fct_txn_dly).")
    String dataset;

    @Option(
            names = "--config",
            required = true,
            description = "YAML config naming the database (see docs/configuration.md).")
    Path config;

    @Option(names = "--json", description = "Print the status as the status topic carries it.")
    boolean json;

    @Option(names = "--fail-on-warn", description = "Exit with code 3 for WARN too.")
    boolean failOnWarn;

    @Override
    public Integer call() throws SQLException {
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        PostgresOptions postgres = settings.postgresOptions(config, System::getenv);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StatusLookup lookup = new StatusLookup(postgres);
        List<String> urns = lookup.resolve(dataset);
        if (urns.isEmpty()) {
            err.println("dataspoke status: no dataset '" + dataset + "' is known to DataSpoke");
            return DataSpokeCli.FAILED;
        }
        if (urns.size() > 1) {
            err.println(
                    "dataspoke status: '"
                            + dataset
                            + "' names "
                            + urns.size()
                            + " datasets; give the URN:");
            urns.forEach(u -> err.println("  " + u));
            return DataSpokeCli.BAD_USAGE;
        }
        DatasetStatus status = lookup.status(urns.get(0));
        if (json) {
            out.println(new String(StatusRecords.toJson(status), StandardCharsets.UTF_8));
        } else {
            print(status, out);
        }
        out.flush();
        boolean blocked =
                status.status() == CircuitStatus.BLOCK
                        || (failOnWarn && status.status() == CircuitStatus.WARN);
        return blocked ? BLOCKED : 0;
    }

    private static void print(DatasetStatus status, PrintWriter out) {
        out.print(status.status() + "  " + status.datasetUrn());
        if (status.status() != CircuitStatus.PASS) {
            out.print("  since " + Instant.ofEpochMilli(status.sinceMillis()));
        }
        out.println();
        for (String reason : status.reasons()) {
            out.println("  - " + reason);
        }
    }
}
