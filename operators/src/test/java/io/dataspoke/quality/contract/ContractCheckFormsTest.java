package io.dataspoke.quality.contract;

import static io.dataspoke.quality.contract.Observations.URN;
import static io.dataspoke.quality.contract.Observations.columns;
import static io.dataspoke.quality.contract.Observations.load;
import static io.dataspoke.quality.contract.Observations.nulls;
import static io.dataspoke.quality.contract.Observations.profile;
import static io.dataspoke.quality.contract.Observations.samples;
import static io.dataspoke.quality.contract.Observations.schemaChange;
import static io.dataspoke.quality.contract.Observations.uniques;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SodaCL check form: how it parses and what it says on crafted observations. */
class ContractCheckFormsTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    @TempDir Path dir;

    /** The one check of a {@code checks for} block holding {@code checkYaml}. */
    private Check only(String checkYaml) throws IOException {
        Path file = dir.resolve("payments.yaml");
        Files.writeString(
                file, "checks for analytics.payments.fct_txn_dly:\n" + checkYaml.indent(2));
        List<Check> checks = Contracts.load(file).forDataset(URN);
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).contractFile()).isEqualTo(file.toString());
        return checks.get(0);
    }

    private MetricCheck metric(String checkYaml) throws IOException {
        return (MetricCheck) only(checkYaml);
    }

    @Test
    void rowCountAboveZero() throws IOException {
        MetricCheck check = metric("- row_count > 0");

        assertThat(check.id()).isEqualTo("row_count");
        assertThat(check.type()).isEqualTo(CheckType.ROW_COUNT);
        assertThat(check.text()).isEqualTo("row_count > 0");
        assertThat(check.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(check.evaluate(profile(120L)))
                .isEqualTo(new Evaluation(Outcome.PASS, 120.0, "row_count = 120 (fail when <= 0)"));
        assertThat(check.evaluate(profile(0L)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(check.evaluate(profile(null)))
                .isEqualTo(Evaluation.noData("row_count: the profile has no row count"));
    }

    @Test
    void rowCountBetweenIncludesBothBounds() throws IOException {
        MetricCheck check = metric("- row_count between 1000 and 5000");

        assertThat(check.evaluate(profile(999L)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(check.evaluate(profile(1000L)).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(5000L)).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(5001L)).message())
                .isEqualTo("row_count = 5001 (fail when not between 1000 and 5000)");
    }

    @Test
    void rowCountNotBetween() throws IOException {
        MetricCheck check = metric("- row_count not between 1 and 9");

        assertThat(check.evaluate(profile(5L)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(check.evaluate(profile(0L)).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(10L)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void rowCountWithWarnAndFailLevels() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - row_count:
                            warn: when < 1000
                            fail: when < 10
                        """);

        assertThat(check.text()).isEqualTo("row_count: warn when < 1000, fail when < 10");
        assertThat(check.evaluate(profile(5L)).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(check.evaluate(profile(500L)))
                .isEqualTo(
                        new Evaluation(
                                Outcome.WARN,
                                500.0,
                                "row_count = 500 (warn when < 1000, fail when < 10)"));
        assertThat(check.evaluate(profile(2000L)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void rowCountOfADatasetNeverProfiledComesFromItsLoads() throws IOException {
        MetricCheck check = metric("- row_count > 0");

        assertThat(check.appliesTo(profile(1L), true)).isTrue();
        assertThat(check.appliesTo(load(Signal.OPERATION, 0L, null), false)).isTrue();
        assertThat(check.appliesTo(load(Signal.RUN, 5L, "COMPLETE"), false)).isTrue();
        assertThat(check.appliesTo(load(Signal.OPERATION, 0L, null), true)).isFalse();
        assertThat(check.appliesTo(load(Signal.RUN, 0L, "FAIL"), false)).isFalse();
        assertThat(check.appliesTo(schemaChange(columns("id", "bigint")), false)).isFalse();

        assertThat(check.evaluate(load(Signal.QUERY_LOG, 0L, "SUCCEEDED")))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                0.0,
                                "row_count = 0 (fail when <= 0); rows written by the query_log"));
        assertThat(check.evaluate(load(Signal.OPERATION, null, null)))
                .isEqualTo(Evaluation.noData("row_count: the operation reported no rows written"));
    }

    @Test
    void columnChecksApplyToProfilesOnly() throws IOException {
        MetricCheck check = metric("- missing_count(email) = 0");

        assertThat(check.appliesTo(profile(1L), false)).isTrue();
        assertThat(check.appliesTo(load(Signal.OPERATION, 10L, null), false)).isFalse();
        assertThat(check.evaluate(load(Signal.OPERATION, 10L, null)))
                .isEqualTo(
                        Evaluation.noData(
                                "missing_count(email): needs a profile, got a OPERATION"
                                        + " observation"));
    }

    @Test
    void missingCount() throws IOException {
        MetricCheck check = metric("- missing_count(email) = 0");

        assertThat(check.id()).isEqualTo("missing_count(email)");
        assertThat(check.column()).isEqualTo("email");
        assertThat(check.evaluate(profile(100L, nulls("email", 0L, null))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(100L, nulls("email", 3L, null))))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL, 3.0, "missing_count(email) = 3 (fail when != 0)"));
        // No null count: derived from the proportion and the row count.
        assertThat(check.evaluate(profile(1000L, nulls("email", null, 0.01))).observed())
                .isEqualTo(10.0);
        assertThat(check.evaluate(profile(100L, nulls("phone", 0L, 0.0))))
                .isEqualTo(
                        Evaluation.noData(
                                "missing_count(email): the profile has no statistics for column"
                                        + " email"));
        assertThat(check.evaluate(profile(null, nulls("email", null, 0.1))))
                .isEqualTo(
                        Evaluation.noData(
                                "missing_count(email): the profile has no null count for column"
                                        + " email"));
    }

    @Test
    void missingPercent() throws IOException {
        MetricCheck check = metric("- missing_percent(phone) < 1%");

        assertThat(check.evaluate(profile(1000L, nulls("phone", null, 0.042))))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                4.2,
                                "missing_percent(phone) = 4.2% (fail when >= 1%)"));
        assertThat(check.evaluate(profile(1000L, nulls("phone", null, 0.005))).outcome())
                .isEqualTo(Outcome.PASS);
        // No proportion: null count over row count.
        assertThat(check.evaluate(profile(1000L, nulls("phone", 5L, null))).observed())
                .isEqualTo(0.5);
        assertThat(check.evaluate(profile(0L, nulls("phone", 0L, null))))
                .isEqualTo(
                        Evaluation.noData(
                                "missing_percent(phone): the profile has no null proportion for"
                                        + " column phone"));
    }

    @Test
    void aPercentWithoutTheSignIsStillAPercent() throws IOException {
        MetricCheck check = metric("- missing_percent(phone) < 1");

        assertThat(check.fail()).isEqualTo(Condition.of(Condition.Op.GE, 1, Unit.PERCENT));
    }

    @Test
    void missingPercentWithANameAndLevels() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - missing_percent(email):
                            name: Emails present
                            warn: when > 1%
                            fail: when > 5%
                            severity: critical
                        """);

        assertThat(check.id()).isEqualTo("missing_percent(email)");
        assertThat(check.name()).isEqualTo("Emails present");
        assertThat(check.displayName()).isEqualTo("Emails present");
        assertThat(check.text())
                .isEqualTo("missing_percent(email): warn when > 1%, fail when > 5%");
        assertThat(check.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(check.evaluate(profile(100L, nulls("email", null, 0.01))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(100L, nulls("email", null, 0.02))).outcome())
                .isEqualTo(Outcome.WARN);
        assertThat(check.evaluate(profile(100L, nulls("email", null, 0.06))).outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void invalidPercentWithValidValues() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - invalid_percent(status) < 1%:
                            valid values: [pending, shipped, delivered]
                        """);

        assertThat(check.text()).isEqualTo("invalid_percent(status) < 1%");
        assertThat(check.validity().values()).containsExactly("pending", "shipped", "delivered");
        assertThat(
                        check.evaluate(
                                profile(
                                        10L,
                                        samples(
                                                "status",
                                                "pending",
                                                "lost",
                                                "shipped",
                                                "x",
                                                "delivered"))))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                40.0,
                                "invalid_percent(status) = 40% (fail when >= 1%); 2 of 5 sampled"
                                        + " values invalid, e.g. 'lost', 'x'"));
        assertThat(check.evaluate(profile(10L, samples("status", "pending", "shipped"))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(10L, nulls("status", 0L, 0.0))))
                .isEqualTo(
                        Evaluation.noData(
                                "invalid_percent(status): the profile has no sample values for"
                                        + " column status"));
    }

    @Test
    void invalidPercentWithAValidRegex() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - invalid_percent(email) < 30%:
                            valid regex: '^[^@]+@[^@]+$'
                        """);

        Evaluation evaluation =
                check.evaluate(profile(10L, samples("email", "a@b.io", "nobody", "c@d.io")));
        assertThat(evaluation.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(evaluation.observed())
                .isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(check.evaluate(profile(10L, samples("email", "a@b.io"))).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void invalidPercentWithValidMinAndMax() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - invalid_percent(amount) < 1%:
                            valid min: 0
                            valid max: 100000
                        """);

        Evaluation evaluation =
                check.evaluate(profile(10L, samples("amount", "5", "-1", "abc", "100001", "0")));
        assertThat(evaluation.observed()).isEqualTo(60.0);
        assertThat(evaluation.message()).endsWith("e.g. '-1', 'abc', '100001'");
        assertThat(check.evaluate(profile(10L, samples("amount", "0", "100000"))).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void duplicatePercent() throws IOException {
        MetricCheck check = metric("- duplicate_percent(order_id) < 1%");

        assertThat(check.evaluate(profile(1000L, uniques("order_id", null, 0.98))))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                2.0000000000000018,
                                "duplicate_percent(order_id) = 2% (fail when >= 1%)"));
        // No proportion: (rows - unique) / rows.
        assertThat(check.evaluate(profile(1000L, uniques("order_id", 995L, null))).observed())
                .isEqualTo(0.5);
        assertThat(check.evaluate(profile(1000L, uniques("order_id", null, null))).outcome())
                .isEqualTo(Outcome.NO_DATA);
    }

    @Test
    void completenessIsTheLeastCompleteColumn() throws IOException {
        MetricCheck check = metric("- completeness > 99%");

        Evaluation evaluation =
                check.evaluate(
                        profile(
                                100L,
                                nulls("id", 0L, 0.0),
                                nulls("email", null, 0.025),
                                nulls("note", null, null)));
        assertThat(evaluation)
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                97.5,
                                "completeness = 97.5% (fail when <= 99%); lowest column email of"
                                        + " 2 measured"));
        assertThat(check.evaluate(profile(100L, nulls("id", 0L, 0.0))).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(check.evaluate(profile(100L)))
                .isEqualTo(Evaluation.noData("completeness: the profile has no column statistics"));
    }

    @Test
    void completenessOfListedColumnsNamesTheOnesNotProfiled() throws IOException {
        MetricCheck check =
                metric(
                        """
                        - completeness >= 99%:
                            columns: [id, email]
                        """);

        assertThat(check.columns()).containsExactly("id", "email");
        assertThat(check.evaluate(profile(100L, nulls("id", 0L, 0.0), nulls("x", 50L, 0.5))))
                .isEqualTo(
                        Evaluation.noData(
                                "completeness: the profile has no null statistics for column(s)"
                                        + " email"));
    }

    @Test
    void freshnessBelowADuration() throws IOException {
        FreshnessCheck check = (FreshnessCheck) only("- freshness(updated_at) < 1h");

        assertThat(check.id()).isEqualTo("freshness(updated_at)");
        assertThat(check.column()).isEqualTo("updated_at");
        assertThat(check.failAfterMillis()).isEqualTo(HOUR);
        assertThat(check.warnAfterMillis()).isNull();
        assertThat(check.evaluateAge(59 * MINUTE).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check.evaluateAge(HOUR))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                1.0,
                                "freshness(updated_at) = 1h since the last load (fail when >="
                                        + " 1h)"));
    }

    @Test
    void freshnessWithLevelsAndCompoundDurations() throws IOException {
        FreshnessCheck check =
                (FreshnessCheck)
                        only(
                                """
                                - freshness(updated_at):
                                    warn: when > 6h
                                    fail: when > 1d2h
                                """);

        assertThat(check.warnAfterMillis()).isEqualTo(6 * HOUR + 1);
        assertThat(check.failAfterMillis()).isEqualTo(26 * HOUR + 1);
        assertThat(check.evaluateAge(6 * HOUR).outcome()).isEqualTo(Outcome.PASS);
        assertThat(check.evaluateAge(7 * HOUR + 30 * MINUTE).message())
                .isEqualTo(
                        "freshness(updated_at) = 7h 30m since the last load (warn when > 6h,"
                                + " fail when > 1d 2h)");
        assertThat(check.evaluateAge(7 * HOUR).outcome()).isEqualTo(Outcome.WARN);
        assertThat(check.evaluateAge(27 * HOUR).outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void schemaWithRequiredColumnsTypesAndForbiddenColumns() throws IOException {
        SchemaCheck check =
                (SchemaCheck)
                        only(
                                """
                                - schema:
                                    fail:
                                      when required column missing: [id, amount]
                                      when wrong column type:
                                        id: bigint
                                    warn:
                                      when forbidden column present: [ssn]
                                """);

        assertThat(check.id()).isEqualTo("schema");
        assertThat(check.guardsBreakingChanges()).isFalse();
        var expected = columns("ID", "BIGINT", "amount", "decimal(10,2)", "note", "text");
        assertThat(check.evaluate(null, expected))
                .isEqualTo(
                        new Evaluation(
                                Outcome.PASS, 0.0, "schema: as the contract expects (3 columns)"));

        var retyped = columns("id", "varchar(20)", "amount", "decimal");
        assertThat(check.evaluate(null, retyped))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                1.0,
                                "schema: column id is varchar(20), expected bigint"));
        assertThat(check.removedOrChanged(null, retyped)).containsExactly("id");

        var missing = columns("id", "bigint", "ssn", "text");
        Evaluation evaluation = check.evaluate(null, missing);
        assertThat(evaluation.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(evaluation.message())
                .isEqualTo("schema: required column amount missing; forbidden column ssn present");
        assertThat(check.removedOrChanged(null, missing)).containsExactly("amount");
        assertThat(check.added(null, missing)).containsExactly("ssn");

        assertThat(check.evaluate(null, columns("id", "bigint", "amount", "int", "ssn", "text")))
                .isEqualTo(
                        new Evaluation(Outcome.WARN, 1.0, "schema: forbidden column ssn present"));
        assertThat(check.evaluate(null, null))
                .isEqualTo(Evaluation.noData("schema: the observation carries no schema"));
    }

    @Test
    void schemaWithoutRulesGuardsAgainstBreakingChanges() throws IOException {
        SchemaCheck check = (SchemaCheck) only("- schema");
        var before = columns("id", "bigint", "amount", "decimal(10,2)");

        assertThat(check.guardsBreakingChanges()).isTrue();
        assertThat(check.evaluate(null, before))
                .isEqualTo(
                        new Evaluation(
                                Outcome.PASS,
                                0.0,
                                "schema: first schema seen (2 columns), kept as the baseline"));
        assertThat(
                        check.evaluate(before, columns("ID", "BIGINT", "amount", "DECIMAL(12,2)"))
                                .outcome())
                .isEqualTo(Outcome.PASS);

        var added = columns("id", "bigint", "amount", "decimal", "note", "text");
        assertThat(check.evaluate(before, added))
                .isEqualTo(new Evaluation(Outcome.WARN, 1.0, "schema: column note added"));
        assertThat(check.added(before, added)).containsExactly("note");
        assertThat(check.removedOrChanged(before, added)).isEmpty();

        var broken = columns("id", "varchar", "note", "text");
        assertThat(check.evaluate(before, broken))
                .isEqualTo(
                        new Evaluation(
                                Outcome.FAIL,
                                3.0,
                                "schema: column id changed type from bigint to varchar; column"
                                        + " amount removed; column note added"));
        assertThat(check.removedOrChanged(before, broken)).containsExactly("id", "amount");
    }
}
