package io.dataspoke.cli;

import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dataspoke anomaly …}: what users tell the anomaly detection. */
@Command(
        name = "anomaly",
        mixinStandardHelpOptions = true,
        description = "Tell the anomaly detection what it got wrong.",
        subcommands = AnomalyCommand.Normal.class)
final class AnomalyCommand {

    /**
     * {@code dataspoke anomaly normal}: "this was normal". A row in {@code anomaly_feedback} that
     * the next {@code anomaly-training} run honours: the window's points are fed to the models even
     * where an incident would have left them out.
     */
    @Command(
            name = "normal",
            mixinStandardHelpOptions = true,
            description = {
                "Mark a window of a dataset (one metric, or all) as normal.",
                "The next anomaly-training run learns from it instead of leaving it out."
            })
    static final class Normal implements Callable<Integer> {

        static final String INSERT =
                """
                INSERT INTO anomaly_feedback (dataset_urn, metric, window_start, window_end,
                                              verdict, note, marked_by)
                VALUES (?, ?, ?, ?, 'normal', ?, ?)
                ON CONFLICT DO NOTHING
                """;

        @Spec CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "DATASET",
                description = "A dataset URN, or its name (e.g. analytics.payments.fct_txn_dly).")
        String dataset;

        @Option(
                names = "--from",
                required = true,
                description = "First instant of the window, e.g. 2026-01-26T07:00:00Z.")
        Instant from;

        @Option(
                names = "--to",
                required = true,
                description = "First instant after the window, e.g. 2026-01-26T11:00:00Z.")
        Instant to;

        @Option(
                names = "--metric",
                description =
                        "Only this metric: row_count, rows_written or null_ratio(<column>);"
                                + " default every metric of the dataset.")
        String metric;

        @Option(names = "--note", description = "Why, in your words.")
        String note;

        @Option(names = "--by", description = "Who marks it (a user URN or name).")
        String by;

        @Option(
                names = "--config",
                required = true,
                description = "YAML config naming the database (see docs/configuration.md).")
        Path config;

        @Override
        public Integer call() throws SQLException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!to.isAfter(from)) {
                err.println("dataspoke anomaly normal: --to (" + to + ") must be after --from");
                return DataSpokeCli.BAD_USAGE;
            }
            if (metric != null && !known(metric)) {
                err.println(
                        "dataspoke anomaly normal: unknown metric '"
                                + metric
                                + "'; expected row_count, rows_written or null_ratio(<column>)");
                return DataSpokeCli.BAD_USAGE;
            }
            PostgresOptions postgres =
                    DataSpokeConfig.read(config).postgresOptions(config, System::getenv);
            String urn = resolve(postgres, err);
            if (urn == null) {
                return DataSpokeCli.FAILED;
            }
            int inserted;
            try (Connection c = postgres.connect();
                    PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, urn);
                ps.setString(2, metric);
                ps.setTimestamp(3, Timestamp.from(from));
                ps.setTimestamp(4, Timestamp.from(to));
                ps.setString(5, note);
                ps.setString(6, by);
                inserted = ps.executeUpdate();
            }
            String what = metric == null ? "every metric" : metric;
            if (inserted == 0) {
                out.println(what + " of " + urn + " was already marked normal over that window");
            } else {
                out.println(
                        "Marked "
                                + what
                                + " of "
                                + urn
                                + " normal from "
                                + from
                                + " to "
                                + to
                                + "; the next anomaly-training run learns from it.");
            }
            out.flush();
            return 0;
        }

        private static boolean known(String metric) {
            return metric.equals(MetricSample.ROW_COUNT)
                    || metric.equals(MetricSample.ROWS_WRITTEN)
                    || MetricSample.columnOf(metric) != null;
        }

        /** The dataset's URN: a known one by URN or name, or a URN DataSpoke has not seen yet. */
        private String resolve(PostgresOptions postgres, PrintWriter err) throws SQLException {
            List<String> urns = new StatusLookup(postgres).resolve(dataset);
            if (urns.size() == 1) {
                return urns.get(0);
            }
            if (urns.size() > 1) {
                err.println(
                        "dataspoke anomaly normal: '"
                                + dataset
                                + "' names "
                                + urns.size()
                                + " datasets; give the URN:");
                urns.forEach(u -> err.println("  " + u));
                return null;
            }
            if (dataset.startsWith("urn:li:dataset:")) {
                return dataset;
            }
            err.println(
                    "dataspoke anomaly normal: no dataset '" + dataset + "' is known to DataSpoke");
            return null;
        }
    }
}
