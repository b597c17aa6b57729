package io.dataspoke.health;

import java.util.List;

/** The dataset or one of its columns carries a tag or a glossary term. */
public final class ClassificationRule implements AuditRule {

    public static final String ID = "classification";

    private final int weight;

    public ClassificationRule(HealthRulesConfig.Simple config) {
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
        boolean classified =
                !dataset.datasetTags().isEmpty()
                        || !dataset.datasetTerms().isEmpty()
                        || dataset.columns().stream()
                                .anyMatch(c -> !c.tags().isEmpty() || !c.terms().isEmpty());
        return classified
                ? List.of()
                : List.of(
                        new Violation(
                                ID,
                                "tags",
                                "No tags or glossary terms on the dataset or its columns; add"
                                        + " its tier tag or the glossary term of what it holds.",
                                1.0));
    }
}
