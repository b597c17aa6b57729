package io.dataspoke.health;

import java.util.Arrays;

/**
 * A dataset's documentation health after a change: its score, every rule it breaks, and who and
 * what it belongs to (for the team rollups and the owner digests).
 *
 * @param score 0–100; 100 when it breaks no rule
 * @param violations worst first (largest share of the score lost)
 * @param owners owner URNs (users and groups)
 * @param domain domain URN, null when none
 * @param removed soft-deleted: kept for the record, out of the rankings
 * @param hardDeleted the dataset is gone; the current row goes with it
 * @param evaluatedMillis event time of the change that led to this report
 */
public record HealthReport(
        String urn,
        String platform,
        String name,
        int score,
        Violation[] violations,
        String[] owners,
        String domain,
        boolean removed,
        boolean hardDeleted,
        long evaluatedMillis) {

    /** The report of a dataset that was hard-deleted at {@code eventMillis}. */
    public static HealthReport hardDeleted(String urn, long eventMillis) {
        return new HealthReport(
                urn, "", "", 0, new Violation[0], new String[0], null, true, true, eventMillis);
    }

    /** The ids of the rules broken, in report order, with duplicates (one per violation). */
    public String[] ruleIds() {
        return Arrays.stream(violations).map(Violation::rule).toArray(String[]::new);
    }

    /**
     * What a new report must differ in to be emitted: score, violations, ownership, domain and
     * deletion state. Event time is left out, so a change that alters none of them is silent.
     */
    public String fingerprint() {
        StringBuilder out = new StringBuilder();
        out.append(score).append('|').append(removed).append('|').append(hardDeleted).append('|');
        out.append(domain).append('|').append(String.join(",", owners)).append('|');
        for (Violation v : violations) {
            out.append(v.rule()).append(':').append(v.field()).append(':').append(v.message());
            out.append(';');
        }
        return out.toString();
    }
}
