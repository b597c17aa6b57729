package io.dataspoke.cli;

import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.report.ReportData;
import io.dataspoke.report.ReportPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dataspoke report}: a static HTML page of DataSpoke's results, charts included. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write one static HTML page from Postgres: each dataset with anomalies or incidents"
                    + " charted with them marked, team documentation health per day, the incident"
                    + " timeline. Charts are inline SVG: the page needs nothing else to open."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            description = "YAML config naming the database (see docs/configuration.md).")
    Path config;

    @Option(
            names = "--out",
            defaultValue = "dataspoke-report.html",
            paramLabel = "FILE",
            description = "Where the page goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        ReportData data;
        try (Connection c = settings.postgresOptions(config, System::getenv).connect()) {
            data = ReportData.read(c);
        }
        write(data, out);
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %s: %d datasets, %d teams, %d incidents%n",
                        out, data.datasets().size(), data.teams().size(), data.incidents().size());
        return 0;
    }

    static void write(ReportData data, Path out) throws java.io.IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, ReportPage.render(data, Instant.now()), StandardCharsets.UTF_8);
    }
}
