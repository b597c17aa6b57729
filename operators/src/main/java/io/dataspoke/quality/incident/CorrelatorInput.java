package io.dataspoke.quality.incident;

import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.lineage.LineageUpdate;

/**
 * What the incident correlator consumes, one of three kinds: a quality event, a CEP match or a
 * lineage update. Exactly one field is set.
 */
public record CorrelatorInput(QualityEvent event, PatternMatch match, LineageUpdate lineage) {

    public static CorrelatorInput of(QualityEvent event) {
        return new CorrelatorInput(event, null, null);
    }

    public static CorrelatorInput of(PatternMatch match) {
        return new CorrelatorInput(null, match, null);
    }

    public static CorrelatorInput of(LineageUpdate lineage) {
        return new CorrelatorInput(null, null, lineage);
    }

    /** The event time the correlator orders by: the event's, or the end of the match. */
    public long eventMillis() {
        if (event != null) {
            return event.eventMillis();
        }
        return match != null ? match.endMillis() : lineage.eventMillis();
    }
}
