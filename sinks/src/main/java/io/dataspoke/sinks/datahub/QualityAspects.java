package io.dataspoke.sinks.datahub;

import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionResult;
import com.linkedin.assertion.AssertionResultError;
import com.linkedin.assertion.AssertionResultErrorType;
import com.linkedin.assertion.AssertionResultType;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.assertion.AssertionRunStatus;
import com.linkedin.assertion.AssertionSource;
import com.linkedin.assertion.AssertionSourceType;
import com.linkedin.assertion.AssertionType;
import com.linkedin.assertion.CustomAssertionInfo;
import com.linkedin.common.AuditStamp;
import com.linkedin.common.UrnArray;
import com.linkedin.data.template.DataTemplate;
import com.linkedin.data.template.StringMap;
import com.linkedin.incident.IncidentInfo;
import com.linkedin.incident.IncidentSource;
import com.linkedin.incident.IncidentSourceType;
import com.linkedin.incident.IncidentState;
import com.linkedin.incident.IncidentStatus;
import com.linkedin.incident.IncidentType;
import datahub.event.MetadataChangeProposalWrapper;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writes that put data-quality results into DataHub: one {@code assertion} entity per contract
 * check (its {@code assertionInfo}, a CUSTOM assertion), one {@code assertionRunEvent} per
 * evaluation of it, and one {@code incident} entity per DataSpoke incident (its {@code
 * incidentInfo}, rewritten as the incident changes and when it is resolved). Every aspect is built
 * with the DataHub client's own record classes. See docs/datahub-writeback.md for what is written
 * when.
 */
public final class QualityAspects {

    /** The actor DataSpoke's incident stamps name. */
    public static final String ACTOR = "urn:li:corpuser:dataspoke";

    static final String ASSERTION_ENTITY_TYPE = "assertion";

    static final String INCIDENT_ENTITY_TYPE = "incident";

    /** The hex digits of an assertion or run id: the first 128 bits of SHA-256. */
    private static final int ID_HEX_DIGITS = 32;

    private static final String DATASET_URN_PREFIX = "urn:li:dataset:";

    /** {@code missing_percent(email)}: a check on one column, named in its id. */
    private static final Pattern COLUMN_CHECK_ID =
            Pattern.compile("(\\w+)\\(([A-Za-z_][\\w.]*)\\)");

    /** Characters an incident id may have so that {@code urn:li:incident:<id>} is one URN part. */
    private static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private QualityAspects() {}

    /**
     * The assertion for check {@code checkId} of {@code datasetUrn}: {@code urn:li:assertion:} plus
     * 32 hex digits of SHA-256 over the URN and the check id. The same check of the same dataset is
     * always the same assertion, so its run history stays together across restarts and threshold
     * changes; the check's text is not part of the id.
     */
    public static String assertionUrn(String datasetUrn, String checkId) {
        Objects.requireNonNull(datasetUrn, "datasetUrn");
        Objects.requireNonNull(checkId, "checkId");
        return "urn:li:assertion:" + sha256Hex(datasetUrn + "\n" + checkId);
    }

    /** The incident {@code incidentId} names: {@code urn:li:incident:<id>}. */
    public static String incidentUrn(String incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        if (!INCIDENT_ID.matcher(incidentId).matches()) {
            // Commas and parentheses would turn the id into a tuple URN.
            throw new IllegalArgumentException("not a usable incident id: '" + incidentId + "'");
        }
        return "urn:li:incident:" + incidentId;
    }

    /**
     * The definition of the assertion behind {@code result}: an UPSERT of {@code assertionInfo}
     * with type CUSTOM. {@code customAssertion} holds the check type (what DataHub's UI groups it
     * by), the dataset, the column as a {@code schemaField} URN when the check id names exactly one
     * (as in {@code missing_percent(email)}), and the check text as its logic; the check text is
     * also the description. The source is EXTERNAL: the check lives in a DataSpoke contract, not in
     * DataHub. {@code customProperties} keep the check id, type and contract file.
     *
     * <p>It holds no timestamps and depends only on the check, not on the evaluation, so sending it
     * again with every evaluation leaves GMS's aspect unchanged.
     */
    public static DataHubWrite assertionInfo(CheckResult result) {
        requireCheck(result);
        CustomAssertionInfo custom =
                new CustomAssertionInfo()
                        .setType(result.checkType())
                        .setEntity(DataHubProposals.urn(result.datasetUrn()))
                        .setLogic(result.check());
        String column = column(result);
        if (column != null) {
            custom.setField(DataHubProposals.urn(schemaFieldUrn(result.datasetUrn(), column)));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("checkId", result.checkId());
        properties.put("checkType", result.checkType());
        if (result.contractFile() != null) {
            properties.put("contractFile", result.contractFile());
        }
        AssertionInfo info =
                new AssertionInfo()
                        .setType(AssertionType.CUSTOM)
                        .setCustomAssertion(custom)
                        .setDescription(result.check())
                        .setSource(new AssertionSource().setType(AssertionSourceType.EXTERNAL))
                        .setCustomProperties(new StringMap(properties));
        return upsert(
                ASSERTION_ENTITY_TYPE, assertionUrn(result.datasetUrn(), result.checkId()), info);
    }

    /**
     * One evaluation of the check, as the timeseries aspect {@code assertionRunEvent} of its
     * assertion, at {@code evaluatedMillis}. The run id is derived from the dataset, the check and
     * the evaluation time, so a write sent again after a restore is the same event.
     *
     * <p>The outcome becomes DataHub's {@link AssertionResultType}, which has no warning level:
     *
     * <ul>
     *   <li>PASS: SUCCESS.
     *   <li>FAIL: FAILURE.
     *   <li>WARN: FAILURE too. The check did not hold, so SUCCESS would hide it, and ERROR means
     *       the assertion could not be evaluated, which is not the case. {@code
     *       nativeResults.outcome} says WARN, so the difference stays visible.
     *   <li>NO_DATA: ERROR with error type INSUFFICIENT_DATA (DataHub's own "insufficient data to
     *       evaluate the assertion"), not skipped: the run did happen, and DataHub should show that
     *       the check could not be evaluated rather than its last real result as if current.
     * </ul>
     *
     * {@code actualAggValue} is the observed value when there is one (DataHub holds it as a float);
     * {@code nativeResults} carry the outcome, the exact observed value, the signal and the
     * message.
     */
    public static DataHubWrite assertionRunEvent(CheckResult result) {
        requireCheck(result);
        Objects.requireNonNull(result.outcome(), "outcome");
        if (result.evaluatedMillis() <= 0) {
            throw new IllegalArgumentException(
                    "evaluatedMillis must be positive, got " + result.evaluatedMillis());
        }
        Map<String, String> nativeResults = new LinkedHashMap<>();
        nativeResults.put("outcome", result.outcome().name());
        if (result.observed() != null) {
            nativeResults.put("observed", String.valueOf(result.observed()));
        }
        if (result.signal() != null) {
            nativeResults.put("signal", result.signal());
        }
        if (result.message() != null) {
            nativeResults.put("message", result.message());
        }
        AssertionResult assertionResult =
                new AssertionResult()
                        .setType(resultType(result))
                        .setNativeResults(new StringMap(nativeResults));
        if (result.observed() != null && Double.isFinite(result.observed())) {
            assertionResult.setActualAggValue(result.observed().floatValue());
        }
        if (result.outcome() == Outcome.NO_DATA) {
            AssertionResultError error =
                    new AssertionResultError().setType(AssertionResultErrorType.INSUFFICIENT_DATA);
            if (result.message() != null) {
                error.setProperties(new StringMap(Map.of("message", result.message())));
            }
            assertionResult.setError(error);
        }
        String assertionUrn = assertionUrn(result.datasetUrn(), result.checkId());
        AssertionRunEvent event =
                new AssertionRunEvent()
                        .setTimestampMillis(result.evaluatedMillis())
                        .setRunId(runId(result))
                        .setAsserteeUrn(DataHubProposals.urn(result.datasetUrn()))
                        .setAssertionUrn(DataHubProposals.urn(assertionUrn))
                        .setStatus(AssertionRunStatus.COMPLETE)
                        .setResult(assertionResult);
        return upsert(ASSERTION_ENTITY_TYPE, assertionUrn, event);
    }

    /**
     * The incident as DataHub's {@code incidentInfo}: an UPSERT of the whole aspect, sent for every
     * revision, so DataHub shows the latest state, affected datasets and severity.
     *
     * <ul>
     *   <li>type: DATA_SCHEMA for cause {@code schema-change}, OPERATIONAL (DataHub: "e.g. failure
     *       to materialize a dataset") for {@code pipeline-failures}, otherwise CUSTOM with the
     *       cause as {@code customType}. DataHub's FRESHNESS and VOLUME mean a failed freshness or
     *       volume assertion; no DataSpoke cause is only that ({@code volume-then-freshness} is
     *       both), so they are not used.
     *   <li>entities: every affected dataset, the root first (DataHub's UI shows the first as the
     *       incident's asset); description: the cause, the column, and the affected datasets by
     *       lineage distance with what went wrong there.
     *   <li>status: ACTIVE or RESOLVED, stamped with the update (or resolution) time by {@value
     *       #ACTOR}; created: the opening time.
     *   <li>priority: DataHub's scale, 0 the most urgent: CRITICAL 0, HIGH 1, MEDIUM 2, LOW 3.
     *   <li>source: ASSERTION_FAILURE for cause {@code check} (a failing contract check, which is
     *       an assertion in DataHub), MANUAL (DataHub: "via UI or API") for causes the correlator
     *       concluded from patterns, which no DataHub assertion stands for.
     * </ul>
     */
    public static DataHubWrite incidentInfo(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(incident.rootUrn(), "rootUrn");
        Objects.requireNonNull(incident.state(), "state");
        Objects.requireNonNull(incident.severity(), "severity");
        Objects.requireNonNull(incident.cause(), "cause");
        String urn = incidentUrn(incident.id());
        List<AffectedDataset> affected = byHops(incident);

        Set<String> entities = new LinkedHashSet<>();
        entities.add(incident.rootUrn());
        affected.forEach(dataset -> entities.add(dataset.urn()));

        IncidentInfo info =
                new IncidentInfo()
                        .setType(incidentType(incident.cause()))
                        .setTitle(title(incident))
                        .setDescription(description(incident, affected))
                        .setEntities(
                                new UrnArray(entities.stream().map(DataHubProposals::urn).toList()))
                        .setPriority(priority(incident.severity()))
                        .setStatus(status(incident, affected))
                        .setSource(
                                new IncidentSource()
                                        .setType(
                                                "check".equals(incident.cause())
                                                        ? IncidentSourceType.ASSERTION_FAILURE
                                                        : IncidentSourceType.MANUAL))
                        .setCreated(stamp(incident.openedMillis()));
        if (info.getType() == IncidentType.CUSTOM) {
            info.setCustomType(incident.cause());
        }
        return upsert(INCIDENT_ENTITY_TYPE, urn, info);
    }

    /** DataHub's incident priority for {@code severity}: 0 is the most urgent. */
    static int priority(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case MEDIUM -> 2;
            case LOW -> 3;
        };
    }

    static IncidentType incidentType(String cause) {
        return switch (cause) {
            case "schema-change" -> IncidentType.DATA_SCHEMA;
            case "pipeline-failures" -> IncidentType.OPERATIONAL;
            default -> IncidentType.CUSTOM;
        };
    }

    private static AssertionResultType resultType(CheckResult result) {
        return switch (result.outcome()) {
            case PASS -> AssertionResultType.SUCCESS;
            case WARN, FAIL -> AssertionResultType.FAILURE;
            case NO_DATA -> AssertionResultType.ERROR;
        };
    }

    private static String runId(CheckResult result) {
        return "dataspoke-"
                + sha256Hex(
                        result.datasetUrn()
                                + "\n"
                                + result.checkId()
                                + "\n"
                                + result.evaluatedMillis());
    }

    /** The column the check id names, or null when it names none or more than one. */
    private static String column(CheckResult result) {
        Matcher matcher = COLUMN_CHECK_ID.matcher(result.checkId());
        return matcher.matches() ? matcher.group(2) : null;
    }

    private static String schemaFieldUrn(String datasetUrn, String column) {
        return "urn:li:schemaField:(" + datasetUrn + "," + column + ")";
    }

    private static List<AffectedDataset> byHops(Incident incident) {
        if (incident.affected() == null) {
            return List.of();
        }
        List<AffectedDataset> sorted = new ArrayList<>(Arrays.asList(incident.affected()));
        sorted.removeIf(Objects::isNull);
        // Stable: datasets at the same distance keep the correlator's order.
        sorted.sort(Comparator.comparingInt(AffectedDataset::hops));
        return sorted;
    }

    private static String title(Incident incident) {
        if (incident.title() != null && !incident.title().isBlank()) {
            return incident.title();
        }
        return incident.cause() + " at " + incident.rootUrn();
    }

    private static String description(Incident incident, List<AffectedDataset> affected) {
        StringBuilder text = new StringBuilder();
        text.append("Raised by DataSpoke (incident ")
                .append(incident.id())
                .append(", revision ")
                .append(incident.revision())
                .append("). Cause: ")
                .append(incident.cause());
        if (incident.column() != null) {
            text.append(", column ").append(incident.column());
        }
        text.append(".\n\nAffected datasets by lineage distance from the root cause:\n");
        if (affected.isEmpty()) {
            text.append("- hop 0: ").append(incident.rootUrn()).append('\n');
        }
        for (AffectedDataset dataset : affected) {
            text.append("- hop ").append(dataset.hops()).append(": ").append(dataset.urn());
            if (dataset.reason() != null && !dataset.reason().isBlank()) {
                text.append(" (").append(dataset.reason()).append(')');
            }
            if (dataset.recovered()) {
                text.append(", recovered");
            }
            text.append('\n');
        }
        if (incident.team() != null || incident.domain() != null) {
            text.append("\nTeam: ")
                    .append(incident.team() == null ? "none" : incident.team())
                    .append(". Domain: ")
                    .append(incident.domain() == null ? "none" : incident.domain())
                    .append(".\n");
        }
        return text.toString();
    }

    private static IncidentStatus status(Incident incident, List<AffectedDataset> affected) {
        boolean resolved = incident.state() == io.dataspoke.quality.IncidentState.RESOLVED;
        long time =
                resolved && incident.resolvedMillis() != null
                        ? incident.resolvedMillis()
                        : incident.updatedMillis();
        String message;
        if (resolved) {
            message = "Resolved by DataSpoke at revision " + incident.revision() + ".";
        } else {
            long open = affected.stream().filter(dataset -> !dataset.recovered()).count();
            message =
                    "Open at revision "
                            + incident.revision()
                            + ": "
                            + open
                            + " of "
                            + affected.size()
                            + " affected datasets not recovered.";
        }
        return new IncidentStatus()
                .setState(resolved ? IncidentState.RESOLVED : IncidentState.ACTIVE)
                .setMessage(message)
                .setLastUpdated(stamp(time));
    }

    private static AuditStamp stamp(long millis) {
        return new AuditStamp().setTime(millis).setActor(DataHubProposals.urn(ACTOR));
    }

    private static void requireCheck(CheckResult result) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(result.datasetUrn(), "datasetUrn");
        Objects.requireNonNull(result.checkId(), "checkId");
        Objects.requireNonNull(result.check(), "check");
        Objects.requireNonNull(result.checkType(), "checkType");
        if (!result.datasetUrn().startsWith(DATASET_URN_PREFIX)) {
            // A custom assertion's entity relationship allows datasets only.
            throw new IllegalArgumentException("not a dataset URN: '" + result.datasetUrn() + "'");
        }
        if (result.checkId().isBlank() || result.checkType().isBlank()) {
            throw new IllegalArgumentException("checkId and checkType must not be blank");
        }
    }

    private static DataHubWrite upsert(String entityType, String urn, DataTemplate<?> aspect) {
        return DataHubProposals.fromWrapper(
                MetadataChangeProposalWrapper.builder()
                        .entityType(entityType)
                        .entityUrn(urn)
                        .upsert()
                        .aspect(aspect)
                        .build());
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
