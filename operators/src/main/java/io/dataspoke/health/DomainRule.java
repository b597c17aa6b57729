package io.dataspoke.health;

import java.util.List;

/** The dataset belongs to a domain. */
public final class DomainRule implements AuditRule {

    public static final String ID = "domain";

    private final int weight;

    public DomainRule(HealthRulesConfig.Simple config) {
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
        return dataset.domain() != null
                ? List.of()
                : List.of(
                        new Violation(
                                ID,
                                "domain",
                                "No domain; assign the dataset to its domain in DataHub (Domain).",
                                1.0));
    }
}
