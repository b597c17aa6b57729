package io.dataspoke.health;

import io.dataspoke.aspect.Ownership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a dataset's documentation against the configured rules. The score is 100 minus the weight
 * lost, as a share of the total weight of the enabled rules: a rule broken outright loses its whole
 * weight, partial violations (column coverage, some PII columns) a share of it.
 */
public final class DocumentationAuditor {

    private final List<AuditRule> rules;
    private final int totalWeight;

    public DocumentationAuditor(HealthRulesConfig config) {
        HealthRulesConfig.Rules r = config.rules();
        List<AuditRule> enabled = new ArrayList<>();
        if (r.description().enabled()) {
            enabled.add(new DescriptionRule(r.description()));
        }
        if (r.ownership().enabled()) {
            enabled.add(new OwnershipRule(r.ownership()));
        }
        if (r.classification().enabled()) {
            enabled.add(new ClassificationRule(r.classification()));
        }
        if (r.domain().enabled()) {
            enabled.add(new DomainRule(r.domain()));
        }
        if (r.columnDocs().enabled()) {
            enabled.add(new ColumnDocsRule(r.columnDocs()));
        }
        if (r.pii().enabled()) {
            enabled.add(new PiiRule(r.pii()));
        }
        if (r.naming().enabled()) {
            enabled.add(new NamingRule(r.naming()));
        }
        if (r.deprecation().enabled()) {
            enabled.add(new DeprecationRule(r.deprecation()));
        }
        if (r.lineage().enabled()) {
            enabled.add(new LineageRule(r.lineage()));
        }
        this.rules = List.copyOf(enabled);
        this.totalWeight = rules.stream().mapToInt(AuditRule::weight).sum();
    }

    /** The rules in the order they are checked. */
    public List<AuditRule> rules() {
        return rules;
    }

    /** The health of {@code dataset} as of {@code eventMillis}. */
    public HealthReport audit(DatasetDocs dataset, long eventMillis) {
        List<Violation> violations = new ArrayList<>();
        double lost = 0;
        for (AuditRule rule : rules) {
            for (Violation v : rule.check(dataset)) {
                violations.add(v);
                lost += v.share() * rule.weight();
            }
        }
        int score =
                totalWeight == 0
                        ? 100
                        : (int) Math.round(100.0 * Math.max(0, totalWeight - lost) / totalWeight);
        violations.sort(
                Comparator.comparingDouble((Violation v) -> -v.share() * weightOf(v.rule())));
        return new HealthReport(
                dataset.urn(),
                dataset.platform(),
                dataset.name(),
                score,
                violations.toArray(new Violation[0]),
                dataset.owners().stream().map(Ownership.Owner::owner).toArray(String[]::new),
                dataset.domain(),
                dataset.removed(),
                false,
                eventMillis);
    }

    private int weightOf(String ruleId) {
        for (AuditRule rule : rules) {
            if (rule.id().equals(ruleId)) {
                return rule.weight();
            }
        }
        return 0;
    }
}
