package io.dataspoke.knowledge.search;

import io.dataspoke.knowledge.DocumentPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many places a dataset's quality moves it down the search results, with the reasons: a blocked
 * or deprecated dataset {@value #BLOCK} places, one with open incidents or a WARN status {@value
 * #WARN}, a poorly documented one {@value #LOW_HEALTH}; the worst reason counts, they do not add
 * up. Places, not a factor on the score: fused rankings are flat (reciprocal ranks differ by a few
 * percent), so any factor would either do nothing or bury a relevant dataset under irrelevant ones.
 * A healthy dataset about as relevant comes first; the troubled one stays in sight, flagged.
 */
public final class QualityRanking {

    static final int BLOCK = 3;
    static final int WARN = 2;
    static final int LOW_HEALTH = 1;

    /** Below this documentation health score a dataset counts as poorly documented. */
    public static final double LOW_HEALTH_SCORE = 50;

    private QualityRanking() {}

    /** The demotion and its reasons for {@code dataset}. */
    public static Demotion of(DocumentPayload dataset) {
        int places = 0;
        List<String> reasons = new ArrayList<>();
        if ("BLOCK".equals(dataset.qualityStatus())) {
            places = Math.max(places, BLOCK);
            reasons.add("quality status BLOCK");
        } else if ("WARN".equals(dataset.qualityStatus())) {
            places = Math.max(places, WARN);
            reasons.add("quality status WARN");
        }
        if (dataset.openIncidents() > 0) {
            places = Math.max(places, WARN);
            reasons.add(
                    dataset.openIncidents()
                            + (dataset.openIncidents() == 1
                                    ? " open incident"
                                    : " open incidents"));
        }
        if (dataset.healthScore() != null && dataset.healthScore() < LOW_HEALTH_SCORE) {
            places = Math.max(places, LOW_HEALTH);
            reasons.add(
                    String.format(
                            Locale.ROOT, "documentation health %.0f/100", dataset.healthScore()));
        }
        if (dataset.deprecated()) {
            places = Math.max(places, BLOCK);
            reasons.add("deprecated");
        }
        return new Demotion(places, List.copyOf(reasons));
    }

    /** Places down and why. */
    public record Demotion(int places, List<String> reasons) {}
}
