package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.AnomalyScore;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.Point;
import io.dataspoke.anomaly.training.Interval;
import io.dataspoke.anomaly.training.ModelTrainer;
import io.dataspoke.anomaly.training.NormalMark;
import io.dataspoke.anomaly.training.TrainedModel;
import io.dataspoke.anomaly.training.TrainingRun;
import io.dataspoke.cli.DataSpokeCli;
import io.dataspoke.db.Migrations;
import io.dataspoke.embedded.EmbeddedFlink;
import io.dataspoke.embedded.EmbeddedPostgres;
import io.dataspoke.quality.anomaly.AnomalyModel;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly-training job on the embedded Postgres and Flink MiniCluster, over a hand-written
 * history of two datasets starting Monday 4 March 2024 (day 0):
 *
 * <pre>
 * orders     an operation every hour for 22 days (528), rows_written with a weekly shape;
 *            also OpenLineage and query-log rows, which training ignores
 * customers  a profile every 6 hours for 14 days (56): row_count, 8 columns, nulls in email and
 *            phone, so four metrics: row_count, null_ratio(email), null_ratio(phone) and the
 *            profile vector the isolation forest reads
 *
 * incident A  root orders, day 7 07:00 to 11:00; customers joined it at day 7 05:00
 *             orders loses 07, 08, 09, 10; customers its 06:00 profile
 * incident B  root customers, opened day 13 00:00, still open: customers loses day 13's four
 * feedback   orders rows_written normal on day 7 07:00 to 09:00: 07 and 08 come back
 * </pre>
 *
 * Version 1 is trained on that; before version 2 a user marks all of customers' day 13 normal.
 */
class AnomalyTrainingJobITCase {

    private static final LocalDate DAY_0 = LocalDate.parse("2024-03-04");
    private static final long HOUR = 3_600_000L;
    private static final String ORDERS = dataset("orders");
    private static final String CUSTOMERS = dataset("customers");
    private static final int ORDER_HOURS = 22 * 24;
    private static final int PROFILES = 14 * 4;

    @TempDir static Path workDir;

    private static EmbeddedPostgres postgres;
    private static EmbeddedFlink flink;
    private static PostgresOptions db;
    private static TrainingRun first;
    private static TrainingRun second;

    @BeforeAll
    static void trainTwice() throws Exception {
        postgres = EmbeddedPostgres.start(workDir);
        flink = EmbeddedFlink.start(workDir, 0, 2);
        db = historyDatabase("training_it");
        first = run(db, null, null);
        try (Connection c = connect(db)) {
            markNormal(c, CUSTOMERS, null, at(13, 0), at(14, 0));
        }
        second = run(db, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theFirstRunWritesOneModelPerDatasetMetricAsVersionOne() throws Exception {
        assertThat(first.version()).isEqualTo(1);
        // 528 - 4 in incident A + 2 marked normal; 56 - 1 in A - 4 in B for each metric.
        assertThat(models(db, 1))
                .containsExactly(
                        CUSTOMERS + " null_ratio(email) 51 5 ensemble",
                        CUSTOMERS + " null_ratio(phone) 51 5 ensemble",
                        CUSTOMERS + " profile 51 5 ensemble",
                        CUSTOMERS + " row_count 51 5 ensemble",
                        ORDERS + " rows_written 526 2 ensemble");
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT metric, history_from, history_through, trained_at"
                                        + " FROM anomaly_models WHERE version = 1"
                                        + " ORDER BY dataset_urn, metric")) {
            while (rs.next()) {
                boolean orders = rs.getString(1).equals("rows_written");
                assertThat(instant(rs, 2)).isEqualTo(at(0, 0).toInstant());
                assertThat(instant(rs, 3))
                        .isEqualTo((orders ? at(21, 23) : at(13, 18)).toInstant());
                assertThat(instant(rs, 4).toEpochMilli()).isEqualTo(first.trainedAtMillis());
            }
        }
    }

    @Test
    void aStoredModelScoresTheNextDayAsTheSameTrainingInPlainJavaDoes() throws Exception {
        EnsembleStrategy stored =
                AnomalyModels.read(state(db, ORDERS, "rows_written", 1), EnsembleStrategy.class);
        List<MetricSample> history = new ArrayList<>();
        long[] rows = orderVolumes();
        for (int h = 0; h < ORDER_HOURS; h++) {
            history.add(operation(h, rows[h]));
        }
        TrainedModel plain =
                ModelTrainer.train(
                                ORDERS,
                                history,
                                List.of(new Interval(millis(7, 7), millis(7, 11))),
                                List.of(
                                        new NormalMark(
                                                "rows_written",
                                                new Interval(millis(7, 7), millis(7, 9)))))
                        .get(0);

        for (int h = ORDER_HOURS; h < rows.length; h++) {
            Point next = Point.of(millis(0, h), rows[h]);
            AnomalyScore expected = plain.detector().score(next);
            assertThat(stored.score(next)).as("hour %d", h).isEqualTo(expected);
            assertThat(expected.warmingUp()).as("hour %d", h).isFalse();
        }
    }

    @Test
    void theSecondRunAddsVersionTwoHonouringTheNewMarkAndKeepsVersionOne() throws Exception {
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.trainedAtMillis()).isGreaterThanOrEqualTo(first.trainedAtMillis());
        // customers' day 13 is normal now: only the 06:00 profile of incident A stays out.
        assertThat(models(db, 2))
                .containsExactly(
                        CUSTOMERS + " null_ratio(email) 55 1 ensemble",
                        CUSTOMERS + " null_ratio(phone) 55 1 ensemble",
                        CUSTOMERS + " profile 55 1 ensemble",
                        CUSTOMERS + " row_count 55 1 ensemble",
                        ORDERS + " rows_written 526 2 ensemble");
        assertThat(models(db, 1)).hasSize(5);
        PostgresTables tables = new PostgresTables(db.jdbcUrl(), db.user(), db.password());
        assertThat(tables.count("SELECT count(*) FROM anomaly_models_latest WHERE version = 2"))
                .isEqualTo(5);
        assertThat(tables.count("SELECT count(*) FROM anomaly_models_latest")).isEqualTo(5);
    }

    @Test
    void theQualityMonitorsPollReturnsTheLatestModelsOnceEach() throws Exception {
        AnomalyModelSource.Poll poll = new AnomalyModelSource.Poll(db);
        poll.open(null);
        AnomalyModel[] latest = poll.map(0L).models();
        // Both runs are in the table; the poll hands over only version 2, one per metric.
        assertThat(latest).hasSize(5);
        assertThat(latest).extracting(AnomalyModel::version).containsOnly(2L);
        for (AnomalyModel m : latest) {
            assertThat(AnomalyModels.read(m.state(), EnsembleStrategy.class).name())
                    .isEqualTo("ensemble");
            assertThat(m.historyThroughMillis()).isPositive();
        }
        // Nothing newer since: the next poll is empty, so nothing is broadcast again.
        assertThat(poll.map(1L).models()).isEmpty();
    }

    @Test
    void fromAndToLimitTheHistoryToTheirDays() throws Exception {
        PostgresOptions range = historyDatabase("training_range");
        TrainingRun run = run(range, DAY_0.plusDays(7), DAY_0.plusDays(13));

        assertThat(run.version()).isEqualTo(1);
        // orders: days 7-13 are 168 hours, 2 of them still in incident A. customers: 28
        // profiles, 1 in A and 4 in B.
        assertThat(models(range, 1))
                .contains(
                        CUSTOMERS + " row_count 23 5 ensemble",
                        ORDERS + " rows_written 166 2 ensemble");
        try (Connection c = connect(range);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT min(history_from), max(history_through)"
                                        + " FROM anomaly_models")) {
            rs.next();
            assertThat(instant(rs, 1)).isEqualTo(at(7, 0).toInstant());
            assertThat(instant(rs, 2)).isEqualTo(at(13, 23).toInstant());
        }
    }

    @Test
    void theStatementsOfTheDocsRunAndTheFirstRunOfAnEmptyHistoryIsVersionOne() throws Exception {
        String url = postgres.createDatabase("training_docs");
        Migrations.migrate(url, postgres.user(), postgres.password());
        PostgresOptions empty = new PostgresOptions(url, postgres.user(), postgres.password());
        assertThat(AnomalyTrainingJob.nextVersion(empty)).isEqualTo(1);

        String docs = Files.readString(Path.of("..", "docs", "anomaly-training.md"));
        Matcher blocks = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        int statements = 0;
        try (Connection c = connect(empty);
                Statement s = c.createStatement()) {
            while (blocks.find()) {
                s.execute(blocks.group(1));
                statements++;
            }
        }
        // The latest-model query, the pruning, and the two marks.
        assertThat(statements).isEqualTo(4);
        assertThat(
                        new PostgresTables(url, postgres.user(), postgres.password())
                                .count("SELECT count(*) FROM anomaly_feedback"))
                .isEqualTo(2);
    }

    @Test
    void aWindowMarkedNormalOnTheCommandLineIsLearnedByTheNextRun() throws Exception {
        PostgresOptions marked = historyDatabase("training_marked");
        Path config = configFor(marked, "training-marked.yaml");
        // Incident A left out orders' 07:00 to 10:00 of day 7; the history's own mark gave back
        // 07 and 08. The command gives back the rest.
        String[] mark = {
            "anomaly",
            "normal",
            ORDERS,
            "--metric",
            "rows_written",
            "--from",
            at(7, 9).toInstant().toString(),
            "--to",
            at(7, 11).toInstant().toString(),
            "--note",
            "planned maintenance",
            "--config",
            config.toString()
        };
        assertThat(cli(mark)).contains("Marked rows_written of " + ORDERS + " normal");
        assertThat(cli(mark)).contains("already marked normal");
        assertThat(
                        cli(
                                "anomaly",
                                "normal",
                                ORDERS,
                                "--from",
                                at(7, 9).toInstant().toString(),
                                "--to",
                                at(7, 9).toInstant().toString(),
                                "--config",
                                config.toString()))
                .isEmpty();

        run(marked, null, null);
        assertThat(models(marked, 1)).contains(ORDERS + " rows_written 528 0 ensemble");
    }

    /** The CLI's standard output; empty when it exited non-zero. */
    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = DataSpokeCli.execute(args);
        } finally {
            System.setOut(original);
        }
        return exit == 0 ? out.toString(StandardCharsets.UTF_8) : "";
    }

    private static Path configFor(PostgresOptions target, String file) throws IOException {
        Path config = workDir.resolve(file);
        Files.writeString(
                config,
                "kafka: {bootstrapServers: \"localhost:1\"}\n"
                        + "postgres: {url: \""
                        + target.jdbcUrl()
                        + "\", user: "
                        + target.user()
                        + "}\n");
        return config;
    }

    @Test
    void theCommandLineRunsItAndSaysWhichVersionItWrote() throws Exception {
        PostgresOptions cli = historyDatabase("training_cli");
        Path config = workDir.resolve("training-cli.yaml");
        Files.writeString(
                config,
                "kafka: {bootstrapServers: \"localhost:1\"}\n"
                        + "postgres: {url: \""
                        + cli.jdbcUrl()
                        + "\", user: "
                        + cli.user()
                        + "}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit =
                    DataSpokeCli.execute(
                            "run",
                            "anomaly-training",
                            "--config",
                            config.toString(),
                            "--to",
                            "2024-03-17");
        } finally {
            System.setOut(original);
        }

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("anomaly-training: models written as version 1");
        // Days 0-13: the same customers models as version 1 of the main run; orders up to day 13.
        assertThat(models(cli, 1))
                .contains(
                        CUSTOMERS + " row_count 51 5 ensemble",
                        ORDERS + " rows_written " + (14 * 24 - 2) + " 2 ensemble");
    }

    // ---- the job, the history, the tables ----

    private static TrainingRun run(PostgresOptions target, LocalDate from, LocalDate to)
            throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        env.setParallelism(2);
        return AnomalyTrainingJob.run(env, target, from, to);
    }

    /** A new migrated database holding the history of the class comment. */
    private static PostgresOptions historyDatabase(String name) throws SQLException {
        String url = postgres.createDatabase(name);
        Migrations.migrate(url, postgres.user(), postgres.password());
        PostgresOptions options = new PostgresOptions(url, postgres.user(), postgres.password());
        try (Connection c = connect(options)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO dataset_metrics (dataset_urn, observed_at, source,"
                                    + " row_count, column_count, affected_rows, null_counts)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                long[] volumes = orderVolumes();
                for (int h = 0; h < ORDER_HOURS; h++) {
                    metric(ps, ORDERS, at(0, h), "operation", null, null, volumes[h], null);
                }
                // Runs and queries describe the same loads again: not trained on.
                metric(ps, ORDERS, at(3, 2), "openlineage", 5_000_000L, null, 9_999L, null);
                metric(ps, ORDERS, at(3, 2), "query-log", null, null, 1L, null);
                Random random = new Random(7);
                for (int p = 0; p < PROFILES; p++) {
                    long rows = 200_000 + 500L * p;
                    long email = Math.round(rows * (0.05 + 0.005 * random.nextGaussian()));
                    long phone = Math.round(rows * (0.20 + 0.01 * random.nextGaussian()));
                    metric(
                            ps,
                            CUSTOMERS,
                            at(0, 6 * p),
                            "datasetProfile",
                            rows,
                            8,
                            null,
                            "{\"email\": " + email + ", \"phone\": " + phone + "}");
                }
                ps.executeBatch();
            }
            incident(
                    c,
                    "inc-a",
                    ORDERS,
                    at(7, 7),
                    at(7, 11),
                    "[{\"urn\": \""
                            + ORDERS
                            + "\", \"hops\": 0, \"since\": \""
                            + at(7, 7)
                            + "\"}, {\"urn\": \""
                            + CUSTOMERS
                            + "\", \"hops\": 1, \"since\": \""
                            + at(7, 5)
                            + "\"}]");
            incident(
                    c,
                    "inc-b",
                    CUSTOMERS,
                    at(13, 0),
                    null,
                    "[{\"urn\": \""
                            + CUSTOMERS
                            + "\", \"hops\": 0, \"since\": \""
                            + at(13, 0)
                            + "\"}]");
            markNormal(c, ORDERS, "rows_written", at(7, 7), at(7, 9));
            c.commit();
        }
        return options;
    }

    /**
     * The hourly rows written to orders from day 0, a day beyond the history included: busy
     * afternoons, quiet nights, weekends at 45%, 3% noise.
     */
    private static long[] orderVolumes() {
        Random random = new Random(42);
        long[] volumes = new long[ORDER_HOURS + 24];
        for (int h = 0; h < volumes.length; h++) {
            int hourOfDay = h % 24;
            boolean weekend = (h / 24) % 7 >= 5;
            double shape = 0.4 + Math.sin(Math.PI * Math.max(0, hourOfDay - 5) / 19.0);
            volumes[h] =
                    Math.round(
                            10_000
                                    * shape
                                    * (weekend ? 0.45 : 1.0)
                                    * (1 + 0.03 * random.nextGaussian()));
        }
        return volumes;
    }

    private static void metric(
            PreparedStatement ps,
            String urn,
            OffsetDateTime at,
            String source,
            Long rowCount,
            Integer columns,
            Long affected,
            String nullCounts)
            throws SQLException {
        ps.setString(1, urn);
        ps.setObject(2, at);
        ps.setString(3, source);
        ps.setObject(4, rowCount, java.sql.Types.BIGINT);
        ps.setObject(5, columns, java.sql.Types.INTEGER);
        ps.setObject(6, affected, java.sql.Types.BIGINT);
        ps.setString(7, nullCounts);
        ps.addBatch();
    }

    private static void incident(
            Connection c,
            String id,
            String root,
            OffsetDateTime opened,
            OffsetDateTime resolved,
            String affected)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO incidents (incident_id, root_urn, title, cause, state,"
                                + " severity, opened_at, updated_at, resolved_at, affected,"
                                + " revision) VALUES (?, ?, 'volume drop', 'check', ?, 'HIGH', ?,"
                                + " ?, ?, ?::jsonb, 1)")) {
            ps.setString(1, id);
            ps.setString(2, root);
            ps.setString(3, resolved == null ? "OPEN" : "RESOLVED");
            ps.setObject(4, opened);
            ps.setObject(5, resolved == null ? opened : resolved);
            ps.setObject(6, resolved);
            ps.setString(7, affected);
            ps.executeUpdate();
        }
    }

    private static void markNormal(
            Connection c, String urn, String metric, OffsetDateTime start, OffsetDateTime end)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO anomaly_feedback (dataset_urn, metric, window_start,"
                            + " window_end, verdict, note, marked_by) VALUES (?, ?, ?, ?, 'normal',"
                            + " 'planned', 'urn:li:corpuser:ann')")) {
            ps.setString(1, urn);
            ps.setString(2, metric);
            ps.setObject(3, start);
            ps.setObject(4, end);
            ps.executeUpdate();
        }
    }

    /**
     * The models of {@code version}, one line each: dataset, metric, points, excluded, detector.
     */
    private static List<String> models(PostgresOptions target, long version) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(target);
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT dataset_urn, metric, points, excluded, detector, state"
                                        + " FROM anomaly_models WHERE version = ?"
                                        + " ORDER BY dataset_urn, metric")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Every state must read back as a detector.
                    AnomalyModels.read(rs.getBytes(6), EnsembleStrategy.class);
                    lines.add(
                            String.join(
                                    " ",
                                    rs.getString(1),
                                    rs.getString(2),
                                    String.valueOf(rs.getInt(3)),
                                    String.valueOf(rs.getInt(4)),
                                    rs.getString(5)));
                }
            }
        }
        return lines;
    }

    private static byte[] state(PostgresOptions target, String urn, String metric, long version)
            throws SQLException {
        try (Connection c = connect(target);
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT state FROM anomaly_models WHERE dataset_urn = ? AND metric"
                                        + " = ? AND version = ?")) {
            ps.setString(1, urn);
            ps.setString(2, metric);
            ps.setLong(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next())
                        .as("a model of %s %s version %d", urn, metric, version)
                        .isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static MetricSample operation(int hour, long rows) {
        return new MetricSample(
                ORDERS, millis(0, hour), MetricSample.Kind.OPERATION, null, null, rows, Map.of());
    }

    private static String dataset(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }

    /** Hour {@code hour} of day {@code day}; hours past 23 run on into the next days. */
    private static OffsetDateTime at(int day, int hour) {
        return DAY_0.atStartOfDay().atOffset(ZoneOffset.UTC).plusDays(day).plusHours(hour);
    }

    private static long millis(int day, int hour) {
        return at(day, hour).toInstant().toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Connection connect(PostgresOptions options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
    }
}
