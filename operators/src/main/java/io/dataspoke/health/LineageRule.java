package io.dataspoke.health;

import java.util.List;

/**
 * A dataset that is not a source has upstream lineage in DataHub. Sources are recognised by
 * platform or by a custom property (e.g. {@code layer: source}); see {@link
 * HealthRulesConfig.Lineage}.
 */
public final class LineageRule implements AuditRule {

    public static final String ID = "lineage";

    private final HealthRulesConfig.Lineage config;

    public LineageRule(HealthRulesConfig.Lineage config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int weight() {
        return config.weight();
    }

    @Override
    public List<Violation> check(DatasetDocs dataset) {
        if (isSource(dataset)) {
            return List.of();
        }
        boolean hasLineage =
                dataset.lineage() != null
                        && dataset.lineage().upstreams() != null
                        && !dataset.lineage().upstreams().isEmpty();
        return hasLineage
                ? List.of()
                : List.of(
                        new Violation(
                                ID,
                                "lineage",
                                "No upstream lineage, and this is not a source dataset; emit"
                                        + " lineage from the pipeline that builds it (e.g."
                                        + " OpenLineage) or add its upstreams in DataHub.",
                                1.0));
    }

    private boolean isSource(DatasetDocs dataset) {
        if (config.sourcePlatforms().contains(dataset.platform())) {
            return true;
        }
        String value = dataset.customProperties().get(config.sourceProperty());
        return value != null && config.sourceValues().stream().anyMatch(value::equalsIgnoreCase);
    }
}
