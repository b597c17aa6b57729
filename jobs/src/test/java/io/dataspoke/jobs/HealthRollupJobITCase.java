package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dataspoke.db.Migrations;
import io.dataspoke.embedded.EmbeddedFlink;
import io.dataspoke.embedded.EmbeddedPostgres;
import io.dataspoke.health.rollup.RollupRange;
import io.dataspoke.sinks.postgres.PostgresOptions;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health-rollup job on the embedded Postgres and Flink MiniCluster, over a hand-written {@code
 * dataset_health_history} of six datasets, two teams and two domains from 20 February to 11 March
 * 2024 (a leap year: 29 February counts), rolled up for 1–10 March.
 *
 * <pre>
 * dataset    owners (team)            domain     history (UTC; rules broken)
 * orders     payments group (pay.)    finance    03-01 10:00 40 {description,column-docs,pii}
 *                                                03-04 09:00 70 {column-docs}
 *                                                03-08 12:00 100 {}
 *                                                03-11 08:00 10 (after the range: ignored)
 * refunds    alice (payments)         finance    03-01 11:00 60 {description,pii}
 *                                                03-06 15:00 soft-deleted
 * campaigns  bob (growth)             marketing  03-02 08:00 50 {description,column-docs}
 *                                                03-05 23:59:59.999 80 {column-docs}
 *                                                03-09 00:00 hard-deleted
 * clicks     bob, alice (both)        none       03-03 12:00 30 {description,column-docs,pii}
 *                                                03-07 12:00 60 {pii}
 * scratch    none (no owning team)    none       03-01 09:00 20 {ownership,description,domain}
 *                                                03-10 12:00 45 {ownership,domain}
 * ledger     carol, unmapped (no t.)  finance    02-20 10:00 90 {pii}
 * </pre>
 */
class HealthRollupJobITCase {

    private static final String ALICE = "urn:li:corpuser:alice";
    private static final String BOB = "urn:li:corpuser:bob";
    private static final String CAROL = "urn:li:corpuser:carol";
    private static final String PAYMENTS_GROUP = "urn:li:corpGroup:payments";
    private static final String FINANCE = "urn:li:domain:finance";
    private static final String MARKETING = "urn:li:domain:marketing";

    private static final Map<String, String> TEAMS =
            Map.of(PAYMENTS_GROUP, "payments", ALICE, "payments", BOB, "growth");

    private static final LocalDate MAR_1 = LocalDate.parse("2024-03-01");
    private static final LocalDate MAR_10 = LocalDate.parse("2024-03-10");

    @TempDir static Path workDir;

    private static EmbeddedPostgres postgres;
    private static EmbeddedFlink flink;
    private static PostgresOptions db;

    @BeforeAll
    static void rollUpMarch() throws Exception {
        postgres = EmbeddedPostgres.start(workDir);
        flink = EmbeddedFlink.start(workDir, 0, 2);
        db = historyDatabase("rollup_it");
        run(db, MAR_1, MAR_10);
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
    void thePaymentsTeamDayByDay() throws Exception {
        // payments = orders + refunds + clicks (through alice). 1st-2nd: orders 40, refunds 60.
        // 3rd: + clicks 30 -> 130/3. 4th-5th: orders 70 -> 160/3. 6th: refunds soft-deleted ->
        // (70+30)/2. 7th: clicks 60 -> 65. 8th on: orders 100 -> 80.
        // Change: 8th 80-50, 9th 80-50, 10th 80-130/3; nothing in February to compare with before.
        // Trend over the week ending on the 7th: x = -3..3 against the means,
        // -150 - 100 - 130/3 + 160/3 + 100 + 195 = 55, over 28 = 1.964; ending on the 8th:
        // -150 - 260/3 - 160/3 + 50 + 130 + 240 = 130 -> 4.643; 9th: 175 -> 6.250;
        // 10th: -160 - 320/3 - 50 + 80 + 160 + 240 = 490/3 -> 5.833.
        assertThat(lines("team", "payments"))
                .containsExactly(
                        "03-01 n=2 mean=50.000 described=0.000 owned=1.000 columns=0.500"
                                + " pii=0.000 wow=null trend=null",
                        "03-02 n=2 mean=50.000 described=0.000 owned=1.000 columns=0.500"
                                + " pii=0.000 wow=null trend=null",
                        "03-03 n=3 mean=43.333 described=0.000 owned=1.000 columns=0.333"
                                + " pii=0.000 wow=null trend=null",
                        "03-04 n=3 mean=53.333 described=0.333 owned=1.000 columns=0.333"
                                + " pii=0.333 wow=null trend=null",
                        "03-05 n=3 mean=53.333 described=0.333 owned=1.000 columns=0.333"
                                + " pii=0.333 wow=null trend=null",
                        "03-06 n=2 mean=50.000 described=0.500 owned=1.000 columns=0.000"
                                + " pii=0.500 wow=null trend=null",
                        "03-07 n=2 mean=65.000 described=1.000 owned=1.000 columns=0.500"
                                + " pii=0.500 wow=null trend=1.964",
                        "03-08 n=2 mean=80.000 described=1.000 owned=1.000 columns=1.000"
                                + " pii=0.500 wow=30.000 trend=4.643",
                        "03-09 n=2 mean=80.000 described=1.000 owned=1.000 columns=1.000"
                                + " pii=0.500 wow=30.000 trend=6.250",
                        "03-10 n=2 mean=80.000 described=1.000 owned=1.000 columns=1.000"
                                + " pii=0.500 wow=36.667 trend=5.833");
    }

    @Test
    void theGrowthTeamKeepsARowAtTheLastMillisecondAndLosesTheHardDeleted() throws Exception {
        // growth = campaigns + clicks (through bob). campaigns' 80 at 23:59:59.999 on the 5th
        // counts on the 5th; its hard delete at midnight takes it out from the 9th.
        // No row on the 1st: no change on the 8th and no trend on the 7th. Trend ending on the
        // 8th: means 50 40 40 55 55 70 70 -> -150 - 80 - 40 + 55 + 140 + 210 = 135, over 28 =
        // 4.821; 9th: 40 40 55 55 70 70 60 -> 135 -> 4.821; 10th: 40 55 55 70 70 60 60 ->
        // -120 - 110 - 55 + 70 + 120 + 180 = 85 -> 3.036.
        assertThat(lines("team", "growth"))
                .containsExactly(
                        "03-02 n=1 mean=50.000 described=0.000 owned=1.000 columns=0.000"
                                + " pii=1.000 wow=null trend=null",
                        "03-03 n=2 mean=40.000 described=0.000 owned=1.000 columns=0.000"
                                + " pii=0.500 wow=null trend=null",
                        "03-04 n=2 mean=40.000 described=0.000 owned=1.000 columns=0.000"
                                + " pii=0.500 wow=null trend=null",
                        "03-05 n=2 mean=55.000 described=0.500 owned=1.000 columns=0.000"
                                + " pii=0.500 wow=null trend=null",
                        "03-06 n=2 mean=55.000 described=0.500 owned=1.000 columns=0.000"
                                + " pii=0.500 wow=null trend=null",
                        "03-07 n=2 mean=70.000 described=1.000 owned=1.000 columns=0.500"
                                + " pii=0.500 wow=null trend=null",
                        "03-08 n=2 mean=70.000 described=1.000 owned=1.000 columns=0.500"
                                + " pii=0.500 wow=null trend=4.821",
                        "03-09 n=1 mean=60.000 described=1.000 owned=1.000 columns=1.000"
                                + " pii=0.000 wow=10.000 trend=4.821",
                        "03-10 n=1 mean=60.000 described=1.000 owned=1.000 columns=1.000"
                                + " pii=0.000 wow=20.000 trend=3.036");
    }

    @Test
    void datasetsOfNoTeamHaveTheirOwnLineAndTheWeekBeforeTheRangeCounts() throws Exception {
        // scratch (no owner) and ledger (carol maps to no team). Before March only ledger (90),
        // which the job computes but does not write: the 1st compares with 90 on 23 February,
        // and its trend is that of 90 90 90 90 90 90 55 (24 Feb to 1 Mar): as the deviations of
        // x sum to zero, 3 * (55 - 90) / 28 = -3.75. The 8th compares 55 with 55, flat all week;
        // the 10th 67.5 (scratch now 45) with 55, trend 3 * (67.5 - 55) / 28 = 1.339.
        List<String> noTeam = lines("team", "(no owning team)");
        assertThat(noTeam).hasSize(10);
        assertThat(noTeam.get(0))
                .isEqualTo(
                        "03-01 n=2 mean=55.000 described=0.500 owned=0.500 columns=1.000"
                                + " pii=0.500 wow=-35.000 trend=-3.750");
        assertThat(noTeam.get(7)).endsWith("wow=0.000 trend=0.000");
        assertThat(noTeam.get(9))
                .isEqualTo(
                        "03-10 n=2 mean=67.500 described=1.000 owned=0.500 columns=1.000"
                                + " pii=0.500 wow=12.500 trend=1.339");
        assertThat(days()).containsExactly("2024-03-01", "2024-03-10");
    }

    @Test
    void domainsDayByDay() throws Exception {
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        "domain (no domain) 10",
                        "domain " + FINANCE + " 10",
                        "domain " + MARKETING + " 7",
                        "team (no owning team) 10",
                        "team growth 9",
                        "team payments 10");
        // finance = orders 40 + refunds 60 + ledger 90 on the 1st, against ledger alone (90) on
        // 23 February and every day to the 29th: change 190/3 - 90, trend 3 * (190/3 - 90) / 28.
        // Refunds is gone on the 6th.
        assertThat(lines("domain", FINANCE).get(0))
                .startsWith("03-01 n=3 mean=63.333 described=0.333 owned=1.000 columns=0.667")
                .endsWith("pii=0.000 wow=-26.667 trend=-2.857");
        assertThat(lines("domain", FINANCE).get(5)).startsWith("03-06 n=2 mean=80.000");
        // marketing is campaigns alone, from the 2nd to its hard delete on the 9th.
        assertThat(lines("domain", MARKETING))
                .first()
                .asString()
                .startsWith("03-02 n=1 mean=50.000");
        assertThat(lines("domain", MARKETING))
                .last()
                .asString()
                .startsWith("03-08 n=1 mean=80.000");
        // no domain = scratch 20 alone on the 1st, with clicks 30 from the 3rd.
        assertThat(lines("domain", "(no domain)").get(2)).startsWith("03-03 n=2 mean=25.000");
    }

    @Test
    void everyTeamAndDayAgreesWithTheTeamLeagueQuery() throws Exception {
        // TeamLeague computes the same figures in SQL straight from the history; the rollup must
        // give each team on each day what the league gives at the last microsecond of that day.
        try (Connection c = connect(db)) {
            for (LocalDate day = MAR_1; !day.isAfter(MAR_10); day = day.plusDays(1)) {
                Instant endOfDay =
                        day.plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .minus(1, ChronoUnit.MICROS);
                Map<String, TeamLeague.Row> league = new TreeMap<>();
                TeamLeague.asOf(c, TEAMS, endOfDay).forEach(r -> league.put(r.team(), r));
                Map<String, double[]> rollup = teamRows(c, day);

                assertThat(rollup.keySet()).as("teams on %s", day).isEqualTo(league.keySet());
                for (Map.Entry<String, TeamLeague.Row> e : league.entrySet()) {
                    TeamLeague.Row expected = e.getValue();
                    double[] actual = rollup.get(e.getKey());
                    String what = e.getKey() + " on " + day;
                    assertThat((int) actual[0]).as(what).isEqualTo(expected.datasets());
                    assertThat(actual[1]).as(what).isCloseTo(expected.meanScore(), within(1e-9));
                    assertThat(actual[2]).as(what).isCloseTo(expected.described(), within(1e-9));
                    assertThat(actual[3]).as(what).isCloseTo(expected.owned(), within(1e-9));
                    assertThat(actual[4])
                            .as(what)
                            .isCloseTo(expected.columnsDocumented(), within(1e-9));
                    assertThat(actual[5])
                            .as(what)
                            .isCloseTo(expected.piiClassified(), within(1e-9));
                    if (expected.weekChange() == null) {
                        assertThat(Double.isNaN(actual[6])).as(what + ": no change").isTrue();
                    } else {
                        assertThat(actual[6])
                                .as(what)
                                .isCloseTo(expected.weekChange(), within(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void aRerunRewritesTheSameRowsAndTheDefaultRangeSpansTheHistory() throws Exception {
        PostgresOptions rerun = historyDatabase("rollup_rerun");
        String all = "SELECT * FROM health_rollup ORDER BY group_kind, group_name, day";
        PostgresTables tables = new PostgresTables(rerun.jdbcUrl(), rerun.user(), rerun.password());

        run(rerun, MAR_1, MAR_10);
        List<String> first = tables.dump(all);
        assertThat(first).hasSize(56);
        // Spoil a row: the rerun must overwrite it, not keep it or add another.
        try (Connection c = connect(rerun)) {
            c.createStatement()
                    .executeUpdate(
                            "UPDATE health_rollup SET mean_score = 0, trend_per_day = NULL"
                                    + " WHERE group_name = 'payments' AND day = '2024-03-08'");
        }
        run(rerun, MAR_1, MAR_10);
        assertThat(tables.dump(all)).isEqualTo(first);

        // Without days, the range is that of the history: 20 February (ledger) to 11 March
        // (orders' last row). March 1-10 come out the same; February adds ledger's 10 days in
        // (no owning team) and finance; the 11th adds payments, growth, (no owning team),
        // finance and (no domain).
        assertThat(HealthRollupJob.range(rerun, null, null))
                .isEqualTo(
                        new RollupRange(
                                LocalDate.parse("2024-02-20"), LocalDate.parse("2024-03-11")));
        run(rerun, null, null);
        assertThat(tables.count("SELECT count(*) FROM health_rollup")).isEqualTo(56 + 20 + 5);
        assertThat(
                        tables.dump(
                                "SELECT * FROM health_rollup WHERE day BETWEEN '2024-03-01' AND"
                                        + " '2024-03-10' ORDER BY group_kind, group_name, day"))
                .isEqualTo(first);
        // payments on the 11th: orders 10, clicks 60 -> 35, against 160/3 on the 4th.
        try (Connection c = connect(rerun)) {
            double[] payments = teamRows(c, LocalDate.parse("2024-03-11")).get("payments");
            assertThat(payments[1]).isEqualTo(35.0);
            assertThat(payments[6]).isCloseTo(35 - 160 / 3.0, within(1e-9));
        }
    }

    @Test
    void theQueriesOfTheDocsRunAndTheLeagueRanksTheLatestDay() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "health-rollup.md"));
        Matcher blocks = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        List<List<String>> results = new ArrayList<>();
        try (Connection c = connect(db)) {
            while (blocks.find()) {
                List<String> firstColumn = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(blocks.group(1))) {
                    while (rs.next()) {
                        firstColumn.add(rs.getString(1));
                    }
                }
                results.add(firstColumn);
            }
        }
        assertThat(results).hasSize(4);
        // The league on the 10th: payments 80, (no owning team) 67.5, growth 60.
        assertThat(results.get(0)).containsExactly("payments", "(no owning team)", "growth");
    }

    @Test
    void anEmptyHistoryGivesNoDefaultRange() throws Exception {
        String url = postgres.createDatabase("rollup_empty");
        Migrations.migrate(url, postgres.user(), postgres.password());
        PostgresOptions empty = new PostgresOptions(url, postgres.user(), postgres.password());

        assertThatThrownBy(() -> HealthRollupJob.range(empty, MAR_1, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataset_health_history is empty");
        assertThat(HealthRollupJob.range(empty, MAR_1, MAR_10))
                .isEqualTo(new RollupRange(MAR_1, MAR_10));
    }

    // ---- the job, the history, the table ----

    private static void run(PostgresOptions target, LocalDate from, LocalDate to) throws Exception {
        StreamExecutionEnvironment env = flink.environment();
        env.setParallelism(2);
        HealthRollupJob.run(env, target, TEAMS, from, to);
    }

    /** A new migrated database holding the history of the class comment. */
    private static PostgresOptions historyDatabase(String name) throws SQLException {
        String url = postgres.createDatabase(name);
        Migrations.migrate(url, postgres.user(), postgres.password());
        PostgresOptions options = new PostgresOptions(url, postgres.user(), postgres.password());
        String orders = dataset("orders");
        String refunds = dataset("refunds");
        String campaigns = dataset("campaigns");
        String clicks = dataset("clicks");
        String scratch = dataset("scratch");
        String ledger = dataset("ledger");
        try (Connection c = connect(options)) {
            String[] pay = {PAYMENTS_GROUP};
            insert(c, orders, "03-01T10:00:00", 40, pay, FINANCE, "description,column-docs,pii");
            insert(c, orders, "03-04T09:00:00", 70, pay, FINANCE, "column-docs");
            insert(c, orders, "03-08T12:00:00", 100, pay, FINANCE, "");
            insert(c, orders, "03-11T08:00:00", 10, pay, FINANCE, "description,column-docs,pii");
            String[] alice = {ALICE};
            insert(c, refunds, "03-01T11:00:00", 60, alice, FINANCE, "description,pii");
            softDelete(c, refunds, "03-06T15:00:00", 60, alice, FINANCE, "description,pii");
            String[] bob = {BOB};
            insert(c, campaigns, "03-02T08:00:00", 50, bob, MARKETING, "description,column-docs");
            insert(c, campaigns, "03-05T23:59:59.999", 80, bob, MARKETING, "column-docs");
            hardDelete(c, campaigns, "03-09T00:00:00");
            String[] both = {BOB, ALICE};
            insert(c, clicks, "03-03T12:00:00", 30, both, null, "description,column-docs,pii");
            insert(c, clicks, "03-07T12:00:00", 60, both, null, "pii");
            String[] none = {};
            insert(c, scratch, "03-01T09:00:00", 20, none, null, "ownership,description,domain");
            insert(c, scratch, "03-10T12:00:00", 45, none, null, "ownership,domain");
            insert(c, ledger, "02-20T10:00:00", 90, new String[] {CAROL}, FINANCE, "pii");
        }
        return options;
    }

    private static String dataset(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }

    private static void insert(
            Connection c,
            String urn,
            String at,
            int score,
            String[] owners,
            String domain,
            String rules)
            throws SQLException {
        write(c, urn, at, score, owners, domain, rules, false, false);
    }

    private static void softDelete(
            Connection c,
            String urn,
            String at,
            int score,
            String[] owners,
            String domain,
            String rules)
            throws SQLException {
        write(c, urn, at, score, owners, domain, rules, true, false);
    }

    private static void hardDelete(Connection c, String urn, String at) throws SQLException {
        write(c, urn, at, null, new String[0], null, "", true, true);
    }

    private static void write(
            Connection c,
            String urn,
            String at,
            Integer score,
            String[] owners,
            String domain,
            String rules,
            boolean removed,
            boolean hardDeleted)
            throws SQLException {
        String[] rulesBroken = rules.isEmpty() ? new String[0] : rules.split(",");
        StringBuilder violations = new StringBuilder("[");
        for (String rule : rulesBroken) {
            violations
                    .append(violations.length() > 1 ? "," : "")
                    .append("{\"rule\":\"")
                    .append(rule)
                    .append("\"}");
        }
        violations.append(']');
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO dataset_health_history (urn, evaluated_at, score, violations,"
                                + " rules_broken, owners, domain, removed, hard_deleted)"
                                + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
            ps.setString(1, urn);
            ps.setObject(2, OffsetDateTime.parse("2024-" + at + "Z"));
            ps.setObject(3, score, java.sql.Types.SMALLINT);
            ps.setString(4, violations.toString());
            ps.setArray(5, c.createArrayOf("text", rulesBroken));
            ps.setArray(6, c.createArrayOf("text", owners));
            ps.setString(7, domain);
            ps.setBoolean(8, removed);
            ps.setBoolean(9, hardDeleted);
            ps.executeUpdate();
        }
    }

    private static Connection connect(PostgresOptions options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.user(), options.password());
    }

    /** A group's rows in day order, each as one readable line with three decimals. */
    private static List<String> lines(String kind, String group) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(db);
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT day, datasets, mean_score, described, owned,"
                                    + " columns_documented, pii_classified, wow_change,"
                                    + " trend_per_day FROM health_rollup WHERE group_kind = ? AND"
                                    + " group_name = ? ORDER BY day")) {
            ps.setString(1, kind);
            ps.setString(2, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(
                            String.format(
                                    Locale.ROOT,
                                    "%s n=%d mean=%.3f described=%.3f owned=%.3f columns=%.3f"
                                            + " pii=%.3f wow=%s trend=%s",
                                    rs.getObject(1, LocalDate.class).toString().substring(5),
                                    rs.getInt(2),
                                    rs.getDouble(3),
                                    rs.getDouble(4),
                                    rs.getDouble(5),
                                    rs.getDouble(6),
                                    rs.getDouble(7),
                                    decimal(rs, 8),
                                    decimal(rs, 9)));
                }
            }
        }
        return lines;
    }

    private static String decimal(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Each group with its number of rows. */
    private static List<String> groups() throws SQLException {
        return new PostgresTables(db.jdbcUrl(), db.user(), db.password())
                        .dump(
                                "SELECT group_kind || ' ' || group_name || ' ' || count(*) FROM"
                                        + " health_rollup GROUP BY group_kind, group_name")
                        .stream()
                        .map(line -> line.substring(line.indexOf(':') + 1))
                        .toList();
    }

    /** The first and last day written. */
    private static List<String> days() throws SQLException {
        return new PostgresTables(db.jdbcUrl(), db.user(), db.password())
                .dump("SELECT min(day) || ',' || max(day) FROM health_rollup").stream()
                        .flatMap(
                                line ->
                                        List.of(line.substring(line.indexOf(':') + 1).split(","))
                                                .stream())
                        .toList();
    }

    /**
     * The team rows of {@code day}: datasets, mean, the four shares and the change (NaN when null),
     * by team.
     */
    private static Map<String, double[]> teamRows(Connection c, LocalDate day) throws SQLException {
        Map<String, double[]> rows = new TreeMap<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT group_name, datasets, mean_score, described, owned,"
                                + " columns_documented, pii_classified,"
                                + " coalesce(wow_change, 'NaN') FROM health_rollup"
                                + " WHERE group_kind = 'team' AND day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] v = new double[7];
                    for (int i = 0; i < 7; i++) {
                        v[i] = rs.getDouble(i + 2);
                    }
                    rows.put(rs.getString(1), v);
                }
            }
        }
        return rows;
    }
}
