package io.dataspoke.quality.alert;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;

/**
 * One Slack-bound message about an incident, as {@link IncidentAlertFunction} decides it: the first
 * alert, an update with what changed since the previous message, or the resolve notice.
 *
 * @param incident the incident as it stands when the message is sent
 * @param kind what the message announces
 * @param sequence 1 for an incident's first message, one higher with every further message; with
 *     the incident id it names the message for the delivery log ({@link #dedupKey()})
 * @param changes what changed since the previous message, e.g. {@code mart.x joined (3 hops)};
 *     empty for the first message
 * @param peakSeverity the highest severity any message of this incident carried so far, this one
 *     included: routing by minimum severity uses it, so a channel that got the alert also gets the
 *     updates and the resolve notice after the severity went down
 */
public record IncidentAlert(
        Incident incident, Kind kind, int sequence, String[] changes, Severity peakSeverity) {

    /** What a message announces. */
    public enum Kind {
        /** The first message: the incident, with what joined it during the grouping window. */
        OPENED,
        /** Something material changed since the previous message. */
        UPDATED,
        /** The incident is resolved; the last message about it. */
        RESOLVED
    }

    /**
     * {@code <incident id>:<sequence>}: the same message composed again after a restore has the
     * same key (and the delivery log drops it), a genuine update has a new one.
     */
    public String dedupKey() {
        return incident.id() + ":" + sequence;
    }

    /** True for a resolve notice of an incident whose opening was never sent on its own. */
    public boolean openedAndResolved() {
        return kind == Kind.RESOLVED && sequence == 1;
    }
}
