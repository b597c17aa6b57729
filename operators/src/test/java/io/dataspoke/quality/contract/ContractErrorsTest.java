package io.dataspoke.quality.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken contract file stops start-up with a message naming file, line and key. */
class ContractErrorsTest {

    @TempDir Path dir;

    private Path file;

    /** The message loading {@code yaml} as contracts/payments.yaml fails with. */
    private String error(String yaml) throws IOException {
        Path contracts = Files.createDirectories(dir.resolve("contracts"));
        file = Files.writeString(contracts.resolve("payments.yaml"), yaml);
        ConfigException e =
                (ConfigException)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () -> Contracts.load(contracts));
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.file()).isEqualTo(file);
        return e.getMessage();
    }

    @Test
    void aMisspelledCheck() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                severity: high
                                slo:
                                  freshness: "< 1 hour"
                                checks:
                                  - row_count > 0
                                  - missing_count(id) = 0
                                  - missng_count(email) = 0
                                """))
                .isEqualTo(
                        file
                                + ":8: checks[2]: unknown check 'missng_count(email) = 0' (expected"
                                + " row_count, missing_count(col), missing_percent(col),"
                                + " invalid_percent(col), duplicate_percent(col), freshness(col),"
                                + " completeness, schema)");
    }

    @Test
    void aFreshnessSloThatIsNotADuration() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                slo:
                                  freshness: soon
                                """))
                .isEqualTo(
                        file
                                + ":3: slo.freshness: expected a duration like \"< 1 hour\", got"
                                + " \"soon\"");
    }

    @Test
    void aDurationWithoutAUnit() throws IOException {
        assertThat(
                        error(
                                """
                                checks for analytics.payments.fct_txn_dly:
                                  - freshness(updated_at) < 10
                                """))
                .isEqualTo(
                        file
                                + ":2: checks for analytics.payments.fct_txn_dly[0]: a duration"
                                + " needs a unit (s, m, h or d), got '10'");
    }

    @Test
    void anUnknownTopLevelKey() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                owner: payments-team
                                checks:
                                  - row_count > 0
                                """))
                .isEqualTo(
                        file
                                + ":2: owner: unknown key 'owner'; expected one of: checks,"
                                + " dataset, datasets, description, match, schema, severity, slo,"
                                + " or SodaCL `checks for <dataset>:` blocks");
    }

    @Test
    void noDatasetSelector() throws IOException {
        assertThat(
                        error(
                                """
                                checks:
                                  - row_count > 0
                                """))
                .isEqualTo(
                        file
                                + ": no dataset selector: name the datasets with `dataset:`,"
                                + " `datasets:` or `match:`");
    }

    @Test
    void twoDatasetSelectors() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: a.b
                                match: { name: "a.*" }
                                checks:
                                  - row_count > 0
                                """))
                .isEqualTo(file + ":2: match: use only one of dataset, datasets and match");
    }

    @Test
    void aBadRegex() throws IOException {
        assertThat(
                        error(
                                """
                                checks for analytics.payments.fct_txn_dly:
                                  - row_count > 0
                                  - invalid_percent(email) < 1%:
                                      valid regex: '^[a-'
                                """))
                .isEqualTo(
                        file
                                + ":4: checks for analytics.payments.fct_txn_dly[1].valid regex:"
                                + " '^[a-' is not a valid regular expression: Illegal character"
                                + " range");
    }

    @Test
    void betweenWithTheBoundsReversed() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - row_count between 5 and 1
                                """))
                .isEqualTo(file + ":3: checks[0]: 'between 5 and 1': the lower bound comes first");
    }

    @Test
    void aPercentOverAHundred() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - missing_percent(email):
                                      warn: when > 150%
                                """))
                .isEqualTo(
                        file + ":4: checks[0].warn: a percent is between 0% and 100%, got '150%'");
    }

    @Test
    void aCountGivenAsAPercent() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - missing_count(email) < 1%
                                """))
                .isEqualTo(
                        file
                                + ":3: checks[0]: a count takes a number, not a percent, got '1%'"
                                + " (use missing_percent for percents)");
    }

    @Test
    void aLevelThatIsNotAWhenCondition() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - row_count:
                                      fail: ten
                                """))
                .isEqualTo(
                        file
                                + ":4: checks[0].fail: expected 'when <condition>' such as 'when <"
                                + " 10', got 'ten'");
    }

    @Test
    void aValidMinThatIsNotANumber() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - invalid_percent(amount) < 1%:
                                      valid min: ten
                                """))
                .isEqualTo(file + ":4: checks[0].valid min: expected a number, got \"ten\"");
    }

    @Test
    void invalidPercentWithoutWhatIsValid() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - invalid_percent(status) < 1%
                                """))
                .isEqualTo(
                        file
                                + ":3: checks[0]: invalid_percent needs valid values, valid regex,"
                                + " valid min or valid max");
    }

    @Test
    void aCheckWithoutThreshold() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - missing_percent(email)
                                """))
                .isEqualTo(
                        file
                                + ":3: checks[0]: 'missing_percent(email)' has no threshold: write"
                                + " e.g. 'missing_percent(email) < 1%', or add fail: when … / warn:"
                                + " when …");
    }

    @Test
    void aThresholdInTheCheckAndUnderFail() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - row_count > 0:
                                      fail: when < 10
                                """))
                .isEqualTo(
                        file
                                + ":4: checks[0].fail: 'row_count > 0' already has a fail"
                                + " threshold; write it either in the check or under fail:");
    }

    @Test
    void settingsIndentedAtTheLevelOfTheCheck() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - row_count > 0
                                  - row_count:
                                    warn: when < 10
                                """))
                .isEqualTo(
                        file
                                + ":4: checks[1]: a check is one key with its settings indented"
                                + " below it; found keys row_count, warn");
    }

    @Test
    void anUnknownCheckSetting() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                checks:
                                  - missing_count(email) = 0:
                                      missing values: [N/A]
                                """))
                .isEqualTo(
                        file
                                + ":4: checks[0].missing values: unknown key 'missing values';"
                                + " expected one of: fail, name, severity, warn");
    }

    @Test
    void anUnknownSeverity() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.payments.fct_txn_dly
                                severity: urgent
                                checks:
                                  - row_count > 0
                                """))
                .isEqualTo(
                        file
                                + ":2: severity: expected one of low, medium, high, critical, got"
                                + " 'urgent'");
    }

    @Test
    void anUnknownSchemaRule() throws IOException {
        assertThat(
                        error(
                                """
                                checks for analytics.payments.fct_txn_dly:
                                  - schema:
                                      fail:
                                        when mismatching columns: [id]
                                """))
                .isEqualTo(
                        file
                                + ":4: checks for analytics.payments.fct_txn_dly[0].fail.when"
                                + " mismatching columns: unknown key 'when mismatching columns';"
                                + " expected one of: when forbidden column present, when required"
                                + " column missing, when wrong column type");
    }

    @Test
    void aFreshnessLowerBound() throws IOException {
        assertThat(
                        error(
                                """
                                checks for analytics.payments.fct_txn_dly:
                                  - freshness(updated_at) > 1h
                                """))
                .isEqualTo(
                        file
                                + ":2: checks for analytics.payments.fct_txn_dly[0]: freshness is"
                                + " an upper bound on the age of the data: write"
                                + " 'freshness(updated_at) < 1h'");
    }

    @Test
    void theSameDatasetBlockTwiceInOneFile() throws IOException {
        assertThat(
                        error(
                                """
                                checks for analytics.orders:
                                  - row_count > 0
                                checks for analytics.orders:
                                  - row_count > 1
                                """))
                .isEqualTo(file + ":3: key 'checks for analytics.orders' appears twice");
    }

    @Test
    void invalidYaml() throws IOException {
        assertThat(
                        error(
                                """
                                dataset: analytics.orders
                                checks: [row_count > 0
                                """))
                .isEqualTo(file + ":2: invalid YAML: while parsing a flow sequence");
    }

    @Test
    void anEmptyFile() throws IOException {
        assertThat(error("# nothing yet\n")).isEqualTo(file + ": the file is empty");
    }

    @Test
    void aDirectoryWithoutContracts() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "contracts go here");

        assertThatThrownBy(() -> Contracts.load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessage(empty + ": no contract files (*.yaml, *.yml) in this directory");
    }

    @Test
    void aMissingDirectory() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> Contracts.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": not found");
    }
}
