package io.dataspoke.quality.contract;

import static io.dataspoke.quality.contract.Observations.URN;
import static io.dataspoke.quality.contract.Observations.columns;
import static io.dataspoke.quality.contract.Observations.nulls;
import static io.dataspoke.quality.contract.Observations.profile;
import static io.dataspoke.quality.contract.Observations.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both contract shapes, how contracts find their datasets, and the set as Flink ships it. */
class ContractSetTest {

    private static final long HOUR = 3_600_000L;
    private static final String HIVE_URN =
            "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.payments.fct_txn_dly,PROD)";

    @TempDir Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static List<String> ids(List<Check> checks) {
        return checks.stream().map(Check::id).toList();
    }

    @Test
    void theSodaExampleParsesWithDistinctIds() throws IOException {
        write(
                "payments.yaml",
                """
                checks for analytics.payments.fct_txn_dly:        # dataset name or full URN
                  - row_count > 0
                  - row_count between 1000 and 5000
                  - missing_count(email) = 0
                  - missing_percent(phone) < 1%
                  - invalid_percent(status) < 1%:
                      valid values: [pending, shipped, delivered]
                  - invalid_percent(email) < 1%:
                      valid regex: '^[^@]+@[^@]+$'
                  - invalid_percent(amount) < 1%:
                      valid min: 0
                      valid max: 100000
                  - duplicate_percent(order_id) < 1%
                  - freshness(updated_at) < 1h          # units: s, m, h, d
                  - row_count:
                      warn: when < 1000
                      fail: when < 10
                  - missing_percent(email):
                      name: Emails present
                      warn: when > 1%
                      fail: when > 5%
                  - schema:
                      fail:
                        when required column missing: [id, amount]
                        when wrong column type:
                          id: bigint
                      warn:
                        when forbidden column present: [ssn]
                """);

        ContractSet set = Contracts.load(dir);

        assertThat(ids(set.forDataset(URN)))
                .containsExactly(
                        "row_count",
                        "row_count#2",
                        "missing_count(email)",
                        "missing_percent(phone)",
                        "invalid_percent(status)",
                        "invalid_percent(email)",
                        "invalid_percent(amount)",
                        "duplicate_percent(order_id)",
                        "freshness(updated_at)",
                        "row_count#3",
                        "missing_percent(email)",
                        "schema");
        assertThat(set.contracts())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.file()).isEqualTo(dir.resolve("payments.yaml").toString());
                            assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
                        });
    }

    @Test
    void aSodaFileMayHoldSeveralBlocksAndNameDatasetsByUrn() throws IOException {
        write(
                "soda.yaml",
                """
                checks for %s:
                  - row_count > 0
                checks for analytics.orders:
                  - row_count > 10
                """
                        .formatted(URN));

        ContractSet set = Contracts.load(dir);

        assertThat(set.contracts()).hasSize(2);
        assertThat(set.forDataset(URN))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("row_count > 0"));
        assertThat(
                        set.forDataset(
                                "urn:li:dataset:(urn:li:dataPlatform:postgres,analytics.orders,PROD)"))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("row_count > 10"));
        assertThat(set.covers(HIVE_URN)).isFalse();
    }

    @Test
    void theDataSpokeShapeWithSloChecksAndSchemaColumns() throws IOException {
        write(
                "payments.yaml",
                """
                dataset: %s
                description: Daily transactions
                severity: high
                slo:
                  freshness: "< 1 hour"
                  completeness: "> 99.5%%"
                checks:
                  - row_count > 0
                  - missing_count(email) = 0:
                      severity: low
                schema:
                  columns: { id: bigint, amount: decimal }
                """
                        .formatted(URN));

        List<Check> checks = Contracts.load(dir).forDataset(URN);

        assertThat(ids(checks))
                .containsExactly(
                        "row_count", "missing_count(email)", "schema", "freshness", "completeness");
        assertThat(checks)
                .extracting(Check::severity)
                .containsExactly(
                        Severity.HIGH, Severity.LOW, Severity.HIGH, Severity.HIGH, Severity.HIGH);

        FreshnessCheck freshness = (FreshnessCheck) checks.get(3);
        assertThat(freshness.text()).isEqualTo("freshness < 1 hour");
        assertThat(freshness.failAfterMillis()).isEqualTo(HOUR);

        // Completeness covers the contract's columns when it lists them.
        MetricCheck completeness = (MetricCheck) checks.get(4);
        assertThat(completeness.columns()).containsExactly("id", "amount");
        assertThat(
                        completeness
                                .evaluate(
                                        profile(
                                                1000L,
                                                nulls("id", 0L, 0.0),
                                                nulls("amount", 4L, 0.004),
                                                nulls("note", 900L, 0.9)))
                                .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(
                        completeness
                                .evaluate(
                                        profile(
                                                1000L,
                                                nulls("id", 0L, 0.0),
                                                nulls("amount", 6L, 0.006)))
                                .message())
                .isEqualTo(
                        "completeness = 99.4% (fail when <= 99.5%); lowest column amount of 2"
                                + " measured");

        SchemaCheck schema = (SchemaCheck) checks.get(2);
        assertThat(
                        schema.evaluate(null, columns("id", "BIGINT", "amount", "DECIMAL(12,2)"))
                                .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(
                        schema.evaluate(
                                null, columns("id", "bigint", "amount", "decimal", "note", "text")))
                .isEqualTo(
                        new Evaluation(
                                Outcome.WARN, 1.0, "schema: column note is not in the contract"));
        assertThat(schema.evaluate(null, columns("id", "bigint")).outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(schema.removedOrChanged(null, columns("id", "int", "note", "text")))
                .containsExactly("id", "amount");
    }

    @Test
    void sloFreshnessReadsTheUsualDurations() throws IOException {
        for (var example :
                List.of(
                        List.of("< 26h", 26 * HOUR),
                        List.of("< 30 minutes", HOUR / 2),
                        List.of("<= 1 hour", HOUR + 1),
                        List.of("< 1d2h", 26 * HOUR))) {
            write(
                    "fresh.yaml",
                    """
                    dataset: analytics.payments.fct_txn_dly
                    slo:
                      freshness: "%s"
                    """
                            .formatted(example.get(0)));
            FreshnessCheck check = (FreshnessCheck) Contracts.load(dir).forDataset(URN).get(0);
            assertThat(check.failAfterMillis()).as("%s", example.get(0)).isEqualTo(example.get(1));
        }
    }

    @Test
    void anEmptySchemaGuardsAgainstBreakingChanges() throws IOException {
        write(
                "guard.yaml",
                """
                datasets: [analytics.payments.fct_txn_dly, analytics.orders]
                schema: {}
                """);

        SchemaCheck check = (SchemaCheck) Contracts.load(dir).forDataset(URN).get(0);

        assertThat(check.guardsBreakingChanges()).isTrue();
        assertThat(
                        check.evaluate(
                                        columns("id", "bigint"),
                                        columns("id", "bigint", "note", "text"))
                                .outcome())
                .isEqualTo(Outcome.WARN);
    }

    @Test
    void matchTakesAPlatformAndAGlobOnTheName() throws IOException {
        write(
                "payments.yaml",
                """
                match: { platform: snowflake, name: "analytics.payments.*" }
                checks:
                  - row_count > 0
                """);
        write(
                "any-platform.yaml",
                """
                match:
                  name: "ANALYTICS.?AYMENTS.FCT_*"
                checks:
                  - duplicate_percent(id) < 1%
                """);

        ContractSet set = Contracts.load(dir);

        assertThat(ids(set.forDataset(URN))).containsExactly("duplicate_percent(id)", "row_count");
        assertThat(ids(set.forDataset(HIVE_URN))).containsExactly("duplicate_percent(id)");
        assertThat(
                        set.forDataset(
                                "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.orders.x,PROD)"))
                .isEmpty();
        assertThat(set.forDataset("not a urn")).isEmpty();
    }

    @Test
    void aDatasetMatchedByTwoFilesGetsBothFilesChecks() throws IOException {
        write(
                "a-team.yaml",
                """
                dataset: analytics.payments.fct_txn_dly
                checks:
                  - row_count > 0
                  - missing_count(email) = 0
                """);
        write(
                "b-platform.yaml",
                """
                match: { platform: snowflake, name: "analytics.*" }
                severity: critical
                checks:
                  - row_count > 100
                """);
        write("notes.txt", "not a contract");

        List<Check> checks = Contracts.load(dir).forDataset(URN);

        assertThat(ids(checks))
                .containsExactly("row_count", "missing_count(email)", "row_count@b-platform");
        assertThat(checks.get(2).text()).isEqualTo("row_count > 100");
        assertThat(checks.get(2).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(checks.get(2).contractFile())
                .isEqualTo(dir.resolve("b-platform.yaml").toString());
    }

    @Test
    void theSetSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
        write(
                "payments.yaml",
                """
                dataset: analytics.payments.fct_txn_dly
                slo:
                  freshness: "< 1 hour"
                checks:
                  - invalid_percent(email) < 10%:
                      valid regex: '^[^@]+@[^@]+$'
                schema:
                  columns: { id: bigint }
                """);
        write(
                "glob.yaml",
                """
                match: { name: "analytics.*" }
                checks:
                  - row_count > 0
                """);
        ContractSet set = Contracts.load(dir);

        ContractSet copy =
                InstantiationUtil.deserializeObject(
                        InstantiationUtil.serializeObject(set), getClass().getClassLoader());

        assertThat(copy).isEqualTo(set);
        assertThat(ids(copy.forDataset(URN))).isEqualTo(ids(set.forDataset(URN)));
        MetricCheck invalid =
                (MetricCheck)
                        copy.forDataset(URN).stream()
                                .filter(c -> c.type() == CheckType.INVALID_PERCENT)
                                .findFirst()
                                .orElseThrow();
        assertThat(invalid.evaluate(profile(2L, samples("email", "a@b", "nope"))).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void theGuideExampleWithFlowMappingsParses() throws IOException {
        write(
                "guide.yaml",
                """
                dataset: analytics.payments.fct_txn_dly
                severity: high
                checks:
                  - completeness > 99%: {columns: [id, note]}
                  - duplicate_percent(txn_id) < 0.1%
                schema:
                  columns: { id: bigint, amount: decimal, note: }
                """);

        List<Check> checks = Contracts.load(dir).forDataset(URN);

        assertThat(((MetricCheck) checks.get(0)).columns()).containsExactly("id", "note");
        SchemaCheck schema = (SchemaCheck) checks.get(2);
        assertThat(schema.rules())
                .containsExactly(
                        new SchemaCheck.Rule(
                                SchemaCheck.Kind.WRONG_TYPE, "id", "bigint", Outcome.FAIL),
                        new SchemaCheck.Rule(
                                SchemaCheck.Kind.WRONG_TYPE, "amount", "decimal", Outcome.FAIL),
                        new SchemaCheck.Rule(SchemaCheck.Kind.MISSING, "note", null, Outcome.FAIL));
        assertThat(
                        schema.evaluate(
                                        null,
                                        columns(
                                                "id", "bigint", "amount", "decimal", "note",
                                                "json"))
                                .outcome())
                .isEqualTo(Outcome.PASS);
    }
}
