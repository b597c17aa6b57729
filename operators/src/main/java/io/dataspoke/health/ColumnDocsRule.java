package io.dataspoke.health;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Enough columns have a description, from the ingested schema or the UI edits, and none is tagged
 * as needing documentation. Below the minimum coverage the dataset loses the undocumented share of
 * the rule's weight; each column tagged as needing documentation is a violation of its own.
 */
public final class ColumnDocsRule implements AuditRule {

    public static final String ID = "column-docs";
    private static final int LISTED = 5;

    private final HealthRulesConfig.ColumnDocs config;

    public ColumnDocsRule(HealthRulesConfig.ColumnDocs config) {
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
        List<DatasetDocs.Column> columns = dataset.columns();
        if (columns.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        for (DatasetDocs.Column column : columns) {
            if (column.description() == null) {
                undocumented.add(column.path());
            } else if (column.tags().stream().anyMatch(config.needsDocumentationTags()::contains)) {
                undocumented.add(column.path());
                violations.add(
                        new Violation(
                                ID,
                                column.path(),
                                "Column "
                                        + column.path()
                                        + " is tagged as needing documentation; improve its"
                                        + " description, then remove the tag.",
                                1.0 / columns.size()));
            }
        }
        double coverage = 1.0 - (double) undocumented.size() / columns.size();
        if (coverage >= config.minCoverage()) {
            return violations;
        }
        List<String> missing =
                undocumented.stream()
                        .filter(path -> violations.stream().noneMatch(v -> v.field().equals(path)))
                        .toList();
        if (missing.isEmpty()) {
            return violations;
        }
        String names =
                missing.stream().limit(LISTED).collect(Collectors.joining(", "))
                        + (missing.size() > LISTED
                                ? " and " + (missing.size() - LISTED) + " more"
                                : "");
        violations.add(
                new Violation(
                        ID,
                        "columns",
                        String.format(
                                "%d of %d columns have no description (%.0f%% documented, %.0f%%"
                                        + " required): describe %s.",
                                missing.size(),
                                columns.size(),
                                coverage * 100,
                                config.minCoverage() * 100,
                                names),
                        (double) missing.size() / columns.size()));
        return violations;
    }
}
