package io.dataspoke.health;

import java.util.List;

/** A deprecated dataset names what replaces it, so users know where to go. */
public final class DeprecationRule implements AuditRule {

    public static final String ID = "deprecation";

    private final int weight;

    public DeprecationRule(HealthRulesConfig.Simple config) {
        this.weight = config.weight();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public List<Violation> check(DatasetDocs dataset) {
        var deprecation = dataset.deprecation();
        if (deprecation == null || !deprecation.deprecated()) {
            return List.of();
        }
        boolean replaced =
                !DatasetDocs.isBlank(deprecation.replacement())
                        || (deprecation.note() != null
                                && deprecation.note().contains("urn:li:dataset:"));
        return replaced
                ? List.of()
                : List.of(
                        new Violation(
                                ID,
                                "deprecation",
                                "Deprecated without a replacement; set the dataset that replaces"
                                        + " it in the deprecation (replacement) so users can move.",
                                1.0));
    }
}
