package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionResult;
import com.linkedin.assertion.AssertionResultErrorType;
import com.linkedin.assertion.AssertionResultType;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.assertion.AssertionRunStatus;
import com.linkedin.assertion.AssertionSourceType;
import com.linkedin.assertion.AssertionType;
import com.linkedin.assertion.CustomAssertionInfo;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.schema.validation.CoercionMode;
import com.linkedin.data.schema.validation.RequiredMode;
import com.linkedin.data.schema.validation.ValidateDataAgainstSchema;
import com.linkedin.data.schema.validation.ValidationOptions;
import com.linkedin.data.schema.validation.ValidationResult;
import com.linkedin.data.template.GetMode;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.incident.IncidentInfo;
import com.linkedin.incident.IncidentSourceType;
import com.linkedin.incident.IncidentState;
import com.linkedin.incident.IncidentType;
import com.linkedin.mxe.MetadataChangeProposal;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualityAspectsTest {

    static final String ORDERS = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    static final String DAILY = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.daily,PROD)";
    static final String REVENUE =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,finance.revenue,PROD)";
    static final long OPENED = 1_718_000_000_000L;

    @Test
    void assertionUrnIsAStableHashOfDatasetAndCheckId() {
        String urn = QualityAspects.assertionUrn(ORDERS, "missing_percent(email)");

        // SHA-256 of "<dataset URN>\nmissing_percent(email)", first 32 hex digits: if this
        // changes, every check gets a new assertion in DataHub and loses its history.
        assertThat(urn).isEqualTo("urn:li:assertion:d192ed6ea9ef9b9e9c648c4b3ffbfc45");
        assertThat(DataHubProposals.urn(urn).getEntityType()).isEqualTo("assertion");
        assertThat(QualityAspects.assertionUrn(ORDERS, "missing_percent(phone)")).isNotEqualTo(urn);
        assertThat(QualityAspects.assertionUrn(DAILY, "missing_percent(email)")).isNotEqualTo(urn);
    }

    @Test
    void incidentUrnUsesTheIdAndRefusesIdsThatWouldBreakTheUrn() {
        assertThat(QualityAspects.incidentUrn("inc-3f9a2c"))
                .isEqualTo("urn:li:incident:inc-3f9a2c");
        assertThatThrownBy(() -> QualityAspects.incidentUrn("inc-(a,b)"))
                .hasMessageContaining("inc-(a,b)");
        assertThatThrownBy(() -> QualityAspects.incidentUrn(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assertionInfoIsACustomExternalAssertionOnTheDatasetAndColumn() {
        DataHubWrite write = QualityAspects.assertionInfo(emailCheck(Outcome.FAIL, 3.5));

        assertThat(write.entityType()).isEqualTo("assertion");
        assertThat(write.entityUrn())
                .isEqualTo(QualityAspects.assertionUrn(ORDERS, "missing_percent(email)"));
        assertThat(write.aspectName()).isEqualTo("assertionInfo");
        assertThat(write.changeType()).isEqualTo(DataHubChangeType.UPSERT);

        AssertionInfo info = RecordUtils.toRecordTemplate(AssertionInfo.class, write.aspectJson());
        assertThat(info.getType()).isEqualTo(AssertionType.CUSTOM);
        CustomAssertionInfo custom = info.getCustomAssertion();
        assertThat(custom.getType()).isEqualTo("missing_percent");
        assertThat(custom.getEntity().toString()).isEqualTo(ORDERS);
        assertThat(custom.getField().toString())
                .isEqualTo("urn:li:schemaField:(" + ORDERS + ",email)");
        assertThat(custom.getLogic()).isEqualTo("missing_percent(email) < 1%");
        assertThat(info.getDescription()).isEqualTo("missing_percent(email) < 1%");
        assertThat(info.getSource().getType()).isEqualTo(AssertionSourceType.EXTERNAL);
        // Copied: the client's StringMap entries are not equal to Map.entry(...).
        assertThat(Map.copyOf(info.getCustomProperties()))
                .isEqualTo(
                        Map.of(
                                "checkId", "missing_percent(email)",
                                "checkType", "missing_percent",
                                "contractFile", "contracts/sales.yaml"));
        assertThat(info.hasDatasetAssertion()).isFalse();
        // No timestamps: the definition does not change from one evaluation to the next.
        assertThat(info.hasLastUpdated()).isFalse();
        assertThat(QualityAspects.assertionInfo(emailCheck(Outcome.PASS, 0.2))).isEqualTo(write);
    }

    @Test
    void assertionInfoHasNoFieldWhenTheCheckIsNotOnOneColumn() {
        CheckResult rows =
                new CheckResult(
                        ORDERS,
                        "row_count",
                        "row_count > 1000",
                        "row_count",
                        "contracts/sales.yaml",
                        OPENED,
                        Outcome.PASS,
                        52_000.0,
                        "PROFILE",
                        "52000 rows, more than 1000");
        CheckResult pair =
                new CheckResult(
                        ORDERS,
                        "duplicate_percent(order_id, line)",
                        "duplicate_percent(order_id, line) = 0",
                        "duplicate_percent",
                        null,
                        OPENED,
                        Outcome.PASS,
                        0.0,
                        "PROFILE",
                        null);

        AssertionInfo rowsInfo = info(QualityAspects.assertionInfo(rows));
        AssertionInfo pairInfo = info(QualityAspects.assertionInfo(pair));

        assertThat(rowsInfo.getCustomAssertion().hasField()).isFalse();
        assertThat(rowsInfo.getCustomAssertion().getType()).isEqualTo("row_count");
        assertThat(pairInfo.getCustomAssertion().hasField()).isFalse();
        assertThat(pairInfo.getCustomProperties()).doesNotContainKey("contractFile");
    }

    @Test
    void aPassingRunIsASuccessWithTheObservedValue() {
        CheckResult pass = emailCheck(Outcome.PASS, 0.25);
        DataHubWrite write = QualityAspects.assertionRunEvent(pass);

        assertThat(write.entityType()).isEqualTo("assertion");
        assertThat(write.entityUrn())
                .isEqualTo(QualityAspects.assertionUrn(ORDERS, "missing_percent(email)"));
        assertThat(write.aspectName()).isEqualTo("assertionRunEvent");
        assertThat(write.changeType()).isEqualTo(DataHubChangeType.UPSERT);

        AssertionRunEvent event = runEvent(write);
        assertThat(event.getTimestampMillis()).isEqualTo(OPENED + 60_000);
        assertThat(event.getAsserteeUrn().toString()).isEqualTo(ORDERS);
        assertThat(event.getAssertionUrn().toString()).isEqualTo(write.entityUrn());
        assertThat(event.getStatus()).isEqualTo(AssertionRunStatus.COMPLETE);
        assertThat(event.getRunId()).matches("dataspoke-[0-9a-f]{32}");
        AssertionResult result = event.getResult();
        assertThat(result.getType()).isEqualTo(AssertionResultType.SUCCESS);
        assertThat(result.getActualAggValue()).isEqualTo(0.25f);
        assertThat(Map.copyOf(result.getNativeResults()))
                .isEqualTo(
                        Map.of(
                                "outcome", "PASS",
                                "observed", "0.25",
                                "signal", "PROFILE",
                                "message", "0.25% of email missing, limit 1%"));
        assertThat(result.hasError()).isFalse();
    }

    @Test
    void warnAndFailAreFailuresThatKeepTheirOutcome() {
        AssertionResult warn =
                runEvent(QualityAspects.assertionRunEvent(emailCheck(Outcome.WARN, 0.9)))
                        .getResult();
        AssertionResult fail =
                runEvent(QualityAspects.assertionRunEvent(emailCheck(Outcome.FAIL, 3.5)))
                        .getResult();

        assertThat(warn.getType()).isEqualTo(AssertionResultType.FAILURE);
        assertThat(warn.getNativeResults()).containsEntry("outcome", "WARN");
        assertThat(fail.getType()).isEqualTo(AssertionResultType.FAILURE);
        assertThat(fail.getNativeResults()).containsEntry("outcome", "FAIL");
        assertThat(fail.getActualAggValue()).isEqualTo(3.5f);
    }

    @Test
    void noDataIsAnErrorForInsufficientDataWithoutAValue() {
        CheckResult noData =
                new CheckResult(
                        ORDERS,
                        "missing_percent(email)",
                        "missing_percent(email) < 1%",
                        "missing_percent",
                        "contracts/sales.yaml",
                        OPENED,
                        Outcome.NO_DATA,
                        null,
                        "PROFILE",
                        "the profile has no null count for email");

        AssertionResult result = runEvent(QualityAspects.assertionRunEvent(noData)).getResult();

        assertThat(result.getType()).isEqualTo(AssertionResultType.ERROR);
        assertThat(result.getError().getType())
                .isEqualTo(AssertionResultErrorType.INSUFFICIENT_DATA);
        assertThat(result.getError().getProperties())
                .containsEntry("message", "the profile has no null count for email");
        assertThat(result.hasActualAggValue()).isFalse();
        assertThat(result.getNativeResults())
                .containsEntry("outcome", "NO_DATA")
                .doesNotContainKey("observed");
    }

    @Test
    void theRunIdIsTheSameForTheSameEvaluationOnly() {
        String first =
                runEvent(QualityAspects.assertionRunEvent(emailCheck(Outcome.PASS, 0.2)))
                        .getRunId();
        String again =
                runEvent(QualityAspects.assertionRunEvent(emailCheck(Outcome.PASS, 0.2)))
                        .getRunId();
        CheckResult later =
                new CheckResult(
                        ORDERS,
                        "missing_percent(email)",
                        "missing_percent(email) < 1%",
                        "missing_percent",
                        "contracts/sales.yaml",
                        OPENED + 120_000,
                        Outcome.PASS,
                        0.2,
                        "PROFILE",
                        null);

        assertThat(again).isEqualTo(first);
        assertThat(runEvent(QualityAspects.assertionRunEvent(later)).getRunId())
                .isNotEqualTo(first);
    }

    @Test
    void anOpenIncidentIsActiveOnEveryAffectedDatasetRootFirst() {
        DataHubWrite write = QualityAspects.incidentInfo(schemaIncidentOpen());

        assertThat(write.entityType()).isEqualTo("incident");
        assertThat(write.entityUrn()).isEqualTo("urn:li:incident:inc-3f9a2c");
        assertThat(write.aspectName()).isEqualTo("incidentInfo");
        assertThat(write.changeType()).isEqualTo(DataHubChangeType.UPSERT);

        IncidentInfo info = incident(write);
        assertThat(info.getType()).isEqualTo(IncidentType.DATA_SCHEMA);
        assertThat(info.hasCustomType()).isFalse();
        assertThat(info.getTitle()).isEqualTo("Column email dropped from sales.orders");
        assertThat(info.getEntities())
                .extracting(Urn::toString)
                .containsExactly(ORDERS, DAILY, REVENUE);
        assertThat(info.getPriority()).isEqualTo(1);
        assertThat(info.getStatus().getState()).isEqualTo(IncidentState.ACTIVE);
        assertThat(info.getStatus().getLastUpdated().getTime()).isEqualTo(OPENED + 300_000);
        assertThat(info.getStatus().getLastUpdated().getActor().toString())
                .isEqualTo("urn:li:corpuser:dataspoke");
        assertThat(info.getStatus().getMessage()).contains("revision 2").contains("3 of 3");
        assertThat(info.getSource().getType()).isEqualTo(IncidentSourceType.MANUAL);
        assertThat(info.getCreated().getTime()).isEqualTo(OPENED);
        assertThat(info.getCreated().getActor().toString()).isEqualTo("urn:li:corpuser:dataspoke");
        assertThat(info.getDescription())
                .contains("Cause: schema-change, column email.")
                .contains("- hop 0: " + ORDERS + " (run failed: UNRESOLVED_COLUMN email)\n")
                .contains("- hop 1: " + DAILY + " (upstream schema changed)\n")
                .contains("- hop 2: " + REVENUE + " (upstream schema changed)\n")
                .contains("Team: sales-data. Domain: sales.");
        // Listed by distance even though the correlator's array had hop 2 before hop 1.
        assertThat(info.getDescription().indexOf("hop 1"))
                .isLessThan(info.getDescription().indexOf("hop 2"));
    }

    @Test
    void aResolvedIncidentIsResolvedAtItsResolutionTime() {
        Incident open = schemaIncidentOpen();
        Incident resolved =
                new Incident(
                        open.id(),
                        open.rootUrn(),
                        open.title(),
                        open.cause(),
                        io.dataspoke.quality.IncidentState.RESOLVED,
                        open.severity(),
                        open.openedMillis(),
                        OPENED + 900_000,
                        OPENED + 899_000,
                        open.column(),
                        new AffectedDataset[] {
                            new AffectedDataset(ORDERS, 0, "run succeeded", OPENED, true),
                            new AffectedDataset(DAILY, 1, "upstream schema changed", OPENED, true)
                        },
                        3,
                        open.team(),
                        open.domain());

        DataHubWrite write = QualityAspects.incidentInfo(resolved);
        IncidentInfo info = incident(write);

        assertThat(write.entityUrn()).isEqualTo(QualityAspects.incidentUrn(open.id()));
        assertThat(info.getStatus().getState()).isEqualTo(IncidentState.RESOLVED);
        assertThat(info.getStatus().getLastUpdated().getTime()).isEqualTo(OPENED + 899_000);
        assertThat(info.getStatus().getMessage()).isEqualTo("Resolved by DataSpoke at revision 3.");
        assertThat(info.getCreated().getTime()).isEqualTo(OPENED);
        assertThat(info.getDescription()).contains(DAILY + " (upstream schema changed), recovered");
    }

    @ParameterizedTest
    @CsvSource({
        "schema-change, DATA_SCHEMA, , MANUAL",
        "pipeline-failures, OPERATIONAL, , MANUAL",
        "volume-then-freshness, CUSTOM, volume-then-freshness, MANUAL",
        "flapping, CUSTOM, flapping, MANUAL",
        "check, CUSTOM, check, ASSERTION_FAILURE"
    })
    void theCauseDecidesTypeAndSource(
            String cause, IncidentType type, String customType, IncidentSourceType source) {
        Incident open = schemaIncidentOpen();
        Incident incident =
                new Incident(
                        open.id(),
                        open.rootUrn(),
                        open.title(),
                        cause,
                        open.state(),
                        open.severity(),
                        open.openedMillis(),
                        open.updatedMillis(),
                        null,
                        open.column(),
                        open.affected(),
                        open.revision(),
                        null,
                        null);

        IncidentInfo info = incident(QualityAspects.incidentInfo(incident));

        assertThat(info.getType()).isEqualTo(type);
        assertThat(info.getCustomType(GetMode.NULL)).isEqualTo(customType);
        assertThat(info.getSource().getType()).isEqualTo(source);
    }

    @ParameterizedTest
    @CsvSource({"CRITICAL, 0", "HIGH, 1", "MEDIUM, 2", "LOW, 3"})
    void severityBecomesDataHubsPriorityWithZeroMostUrgent(Severity severity, int priority) {
        Incident open = schemaIncidentOpen();
        Incident incident =
                new Incident(
                        open.id(),
                        open.rootUrn(),
                        open.title(),
                        open.cause(),
                        open.state(),
                        severity,
                        open.openedMillis(),
                        open.updatedMillis(),
                        null,
                        null,
                        open.affected(),
                        open.revision(),
                        null,
                        null);

        assertThat(incident(QualityAspects.incidentInfo(incident)).getPriority())
                .isEqualTo(priority);
    }

    @Test
    void anIncidentWithoutAffectedDatasetsIsOnItsRoot() {
        Incident incident =
                new Incident(
                        "inc-77",
                        ORDERS,
                        null,
                        "flapping",
                        io.dataspoke.quality.IncidentState.OPEN,
                        Severity.LOW,
                        OPENED,
                        OPENED,
                        null,
                        null,
                        null,
                        1,
                        null,
                        null);

        IncidentInfo info = incident(QualityAspects.incidentInfo(incident));

        assertThat(info.getEntities()).extracting(Urn::toString).containsExactly(ORDERS);
        assertThat(info.getTitle()).isEqualTo("flapping at " + ORDERS);
        assertThat(info.getDescription()).contains("- hop 0: " + ORDERS);
    }

    @Test
    void theProposalsAreWhatTheClientSends() {
        MetadataChangeProposal proposal =
                DataHubProposals.toProposal(
                        QualityAspects.assertionRunEvent(emailCheck(Outcome.FAIL, 3.5)));

        assertThat(proposal.getEntityType()).isEqualTo("assertion");
        assertThat(proposal.getAspectName()).isEqualTo("assertionRunEvent");
        assertThat(proposal.getAspect().getContentType()).isEqualTo("application/json");
    }

    @Test
    void refusesWhatDataHubCouldNotHold() {
        CheckResult onChart =
                new CheckResult(
                        "urn:li:chart:(looker,sales)",
                        "row_count",
                        "row_count > 0",
                        "row_count",
                        null,
                        OPENED,
                        Outcome.PASS,
                        1.0,
                        "PROFILE",
                        null);
        CheckResult noTime =
                new CheckResult(
                        ORDERS,
                        "row_count",
                        "row_count > 0",
                        "row_count",
                        null,
                        0,
                        Outcome.PASS,
                        1.0,
                        "PROFILE",
                        null);

        assertThatThrownBy(() -> QualityAspects.assertionInfo(onChart))
                .hasMessageContaining("not a dataset URN");
        assertThatThrownBy(() -> QualityAspects.assertionRunEvent(noTime))
                .hasMessageContaining("evaluatedMillis");
    }

    static CheckResult emailCheck(Outcome outcome, Double observed) {
        return new CheckResult(
                ORDERS,
                "missing_percent(email)",
                "missing_percent(email) < 1%",
                "missing_percent",
                "contracts/sales.yaml",
                OPENED + 60_000,
                outcome,
                observed,
                "PROFILE",
                observed + "% of email missing, limit 1%");
    }

    static Incident schemaIncidentOpen() {
        return new Incident(
                "inc-3f9a2c",
                ORDERS,
                "Column email dropped from sales.orders",
                "schema-change",
                io.dataspoke.quality.IncidentState.OPEN,
                Severity.HIGH,
                OPENED,
                OPENED + 300_000,
                null,
                "email",
                new AffectedDataset[] {
                    new AffectedDataset(
                            ORDERS, 0, "run failed: UNRESOLVED_COLUMN email", OPENED, false),
                    new AffectedDataset(
                            REVENUE, 2, "upstream schema changed", OPENED + 300_000, false),
                    new AffectedDataset(DAILY, 1, "upstream schema changed", OPENED + 60_000, false)
                },
                2,
                "sales-data",
                "sales");
    }

    static AssertionInfo info(DataHubWrite write) {
        return decode(AssertionInfo.class, write);
    }

    static AssertionRunEvent runEvent(DataHubWrite write) {
        return decode(AssertionRunEvent.class, write);
    }

    static IncidentInfo incident(DataHubWrite write) {
        return decode(IncidentInfo.class, write);
    }

    /**
     * The aspect decoded with the client's class and validated against its Pegasus schema with
     * every required field present, as GMS validates an aspect before storing it.
     */
    static <T extends RecordTemplate> T decode(Class<T> type, DataHubWrite write) {
        T aspect = RecordUtils.toRecordTemplate(type, write.aspectJson());
        ValidationResult validation =
                ValidateDataAgainstSchema.validate(
                        aspect,
                        new ValidationOptions(RequiredMode.MUST_BE_PRESENT, CoercionMode.NORMAL));
        assertThat(validation.isValid()).as(validation.getMessages().toString()).isTrue();
        return aspect;
    }
}
