package io.dataspoke.knowledge.search;

import io.dataspoke.knowledge.DocumentPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much a dataset's quality lowers its place in search results: a factor in (0, 1] on its
 * relevance, with the reasons. A blocked or deprecated dataset keeps half, one with open incidents
 * or a WARN status less than all, so a clearly better match can still come first.
 */
public final class QualityRanking {

    static final double BLOCK = 0.5;
    static final double DEPRECATED = 0.5;
    static final double OPEN_INCIDENTS = 0.7;
    static final double WARN = 0.85;
    static final double LOW_HEALTH = 0.85;

    /** Below this documentation health score a dataset counts as poorly documented. */
    public static final double LOW_HEALTH_SCORE = 50;

    private QualityRanking() {}

    /** The factor and the reasons for {@code dataset}. */
    public static Factor of(DocumentPayload dataset) {
        double factor = 1;
        List<String> reasons = new ArrayList<>();
        if ("BLOCK".equals(dataset.qualityStatus())) {
            factor *= BLOCK;
            reasons.add("quality status BLOCK");
        } else if ("WARN".equals(dataset.qualityStatus())) {
            factor *= WARN;
            reasons.add("quality status WARN");
        }
        if (dataset.openIncidents() > 0) {
            factor *= OPEN_INCIDENTS;
            reasons.add(
                    dataset.openIncidents()
                            + (dataset.openIncidents() == 1
                                    ? " open incident"
                                    : " open incidents"));
        }
        if (dataset.healthScore() != null && dataset.healthScore() < LOW_HEALTH_SCORE) {
            factor *= LOW_HEALTH;
            reasons.add(
                    String.format(
                            Locale.ROOT, "documentation health %.0f/100", dataset.healthScore()));
        }
        if (dataset.deprecated()) {
            factor *= DEPRECATED;
            reasons.add("deprecated");
        }
        return new Factor(factor, List.copyOf(reasons));
    }

    /** A factor on relevance and why. */
    public record Factor(double value, List<String> reasons) {}
}
