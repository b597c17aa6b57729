package io.dataspoke.quality;

/**
 * A dataset in an incident.
 *
 * @param hops lineage distance from the incident's root cause, 0 for the root itself
 * @param reason what went wrong there, e.g. {@code run failed: UNRESOLVED_COLUMN …}
 * @param sinceMillis when it joined the incident
 * @param recovered true once its checks pass (or its runs succeed) again
 */
public record AffectedDataset(
        String urn, int hops, String reason, long sinceMillis, boolean recovered) {}
