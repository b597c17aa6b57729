package io.dataspoke.health.rollup;

import java.util.Arrays;

/**
 * One row of {@code dataset_health_history}: a dataset's documentation health from {@code
 * evaluatedMillis} until its next row. Only what the rollup needs; the violations stay in Postgres.
 *
 * @param score 0–100; null when the dataset was hard-deleted
 * @param rulesBroken rule ids, one per violation (so possibly repeated)
 * @param owners owner URNs (users and groups)
 * @param domain domain URN, null when none
 * @param removed soft-deleted
 * @param hardDeleted the dataset is gone
 */
public record HealthHistoryRow(
        String urn,
        long evaluatedMillis,
        Integer score,
        String[] rulesBroken,
        String[] owners,
        String domain,
        boolean removed,
        boolean hardDeleted) {

    /**
     * Whether the dataset counts in the rollups from this row on: neither deleted nor scoreless.
     */
    public boolean live() {
        return !removed && !hardDeleted && score != null;
    }

    /** Whether the rule with id {@code rule} is among the broken ones. */
    public boolean breaks(String rule) {
        return Arrays.asList(rulesBroken).contains(rule);
    }
}
