package io.dataspoke.knowledge.verify;

import java.util.List;

/**
 * What DataSpoke knows of one dataset when an agent asks whether to build on it: its
 * circuit-breaker status, the incidents open on it, its failing contract checks, its documentation
 * health and its deprecation.
 *
 * @param known false when DataSpoke has never seen the dataset
 * @param status PASS, WARN or BLOCK (PASS when it never left PASS)
 * @param healthScore the documentation health score, null when not audited
 * @param documentationGaps what the audit found missing, worst first
 * @param replacement the dataset DataHub's deprecation points to, null when none
 */
public record DatasetFacts(
        String urn,
        String name,
        boolean known,
        String status,
        List<String> statusReasons,
        List<OpenIncident> incidents,
        List<FailingCheck> failingChecks,
        Double healthScore,
        List<String> documentationGaps,
        boolean deprecated,
        String deprecationNote,
        String replacement) {

    public DatasetFacts {
        statusReasons = List.copyOf(statusReasons);
        incidents = List.copyOf(incidents);
        failingChecks = List.copyOf(failingChecks);
        documentationGaps = List.copyOf(documentationGaps);
    }

    /** A dataset DataSpoke has no record of. */
    public static DatasetFacts unknown(String urn) {
        return new DatasetFacts(
                urn, urn, false, "PASS", List.of(), List.of(), List.of(), null, List.of(), false,
                null, null);
    }

    /** An incident open on the dataset (as its root or downstream of it). */
    public record OpenIncident(
            String id, String title, String severity, String cause, String openedAt) {}

    /** A contract check whose latest result is WARN or FAIL. */
    public record FailingCheck(String check, String outcome, String message, String at) {}
}
