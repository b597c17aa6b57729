package io.dataspoke.quality.incident;

import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.lineage.LineageUpdate;

/**
 * What the incident correlator consumes, one of four kinds: a quality event, a CEP match, a lineage
 * update or who owns a dataset. Exactly one field is set.
 */
public record CorrelatorInput(
        QualityEvent event, PatternMatch match, LineageUpdate lineage, CatalogFacts facts) {

    public static CorrelatorInput of(QualityEvent event) {
        return new CorrelatorInput(event, null, null, null);
    }

    public static CorrelatorInput of(PatternMatch match) {
        return new CorrelatorInput(null, match, null, null);
    }

    public static CorrelatorInput of(LineageUpdate lineage) {
        return new CorrelatorInput(null, null, lineage, null);
    }

    public static CorrelatorInput of(CatalogFacts facts) {
        return new CorrelatorInput(null, null, null, facts);
    }

    /** The event time the correlator orders by: the event's, or the end of the match. */
    public long eventMillis() {
        if (event != null) {
            return event.eventMillis();
        }
        if (match != null) {
            return match.endMillis();
        }
        return lineage != null ? lineage.eventMillis() : facts.eventMillis();
    }
}
