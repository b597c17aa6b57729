package io.dataspoke.quality;

/**
 * A change in a dataset's quality: the element the CEP patterns, the incident correlator and the
 * circuit breaker work on. Emitted on transitions (a check starts or stops failing, a run fails or
 * succeeds, a column disappears), not for every observation.
 *
 * @param name what changed: the check id for CHECK, the job for RUN, the column for SCHEMA, the
 *     metric for ANOMALY
 * @param checkType the check's type for CHECK (freshness, row_count …), else null
 * @param column the column involved, null when none
 * @param detail a sentence for people
 * @param team the owning team, null when unknown
 * @param domain the dataset's domain URN, null when unknown
 */
public record QualityEvent(
        String datasetUrn,
        long eventMillis,
        QualityEventKind kind,
        String name,
        Outcome outcome,
        String checkType,
        String column,
        String detail,
        String team,
        String domain) {

    /** True when this event reports something wrong (WARN or FAIL). */
    public boolean bad() {
        return outcome.bad();
    }
}
