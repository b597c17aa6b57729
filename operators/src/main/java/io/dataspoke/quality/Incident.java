package io.dataspoke.quality;

/**
 * One incident per root cause, as stored in {@code incidents} and sent to Slack and DataHub. Each
 * change (opened, a dataset joined or recovered, severity changed, resolved) emits the whole
 * incident again with {@code revision} one higher.
 *
 * @param id stable id, {@code inc-} plus a hash of the root and the opening time
 * @param cause what the correlator concluded: {@code schema-change}, {@code pipeline-failures},
 *     {@code volume-then-freshness}, {@code flapping} or {@code check} (a failing check with no
 *     pattern behind it)
 * @param column the column at fault, null when none
 * @param affected the root first, then the datasets below it by hop distance
 * @param revision 1 when opened, one higher with every change
 */
public record Incident(
        String id,
        String rootUrn,
        String title,
        String cause,
        IncidentState state,
        Severity severity,
        long openedMillis,
        long updatedMillis,
        Long resolvedMillis,
        String column,
        AffectedDataset[] affected,
        int revision,
        String team,
        String domain) {

    /** True while the incident is open. */
    public boolean open() {
        return state == IncidentState.OPEN;
    }
}
