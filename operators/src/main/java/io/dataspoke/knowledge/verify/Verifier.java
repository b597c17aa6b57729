package io.dataspoke.knowledge.verify;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.search.QualityRanking;
import io.dataspoke.knowledge.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an agent may build on a dataset. BLOCK when the circuit breaker blocks it or
 * DataHub deprecates it; WARN when it has open incidents, failing contract checks, a WARN status,
 * poor documentation or no record at all; PASS otherwise. Alternatives are the similar datasets
 * search found that are PASS, without open incidents, not deprecated and documented at least as
 * well.
 */
public final class Verifier {

    /** Alternatives offered at most. */
    public static final int ALTERNATIVES = 3;

    private Verifier() {}

    /**
     * The verdict on {@code facts}; {@code similar} are search results for the dataset's own name
     * and description (it may be among them; it is not offered as its own alternative).
     */
    public static Verdict verdict(DatasetFacts facts, List<SearchResult> similar) {
        List<Verdict.Issue> issues = new ArrayList<>();
        List<String> recommendations = new ArrayList<>();
        boolean block = false;
        boolean warn = false;
        if (!facts.known()) {
            warn = true;
            issues.add(
                    new Verdict.Issue(
                            "unknown",
                            "MEDIUM",
                            "DataSpoke has no record of this dataset: no change, check or"
                                    + " status has been seen for it"));
            recommendations.add(
                    "Check the name; if it is right, the dataset is not in the catalog DataSpoke"
                            + " watches");
        }
        if ("BLOCK".equals(facts.status())) {
            block = true;
            issues.add(
                    new Verdict.Issue(
                            "status",
                            "HIGH",
                            "the circuit breaker blocks it: "
                                    + String.join("; ", facts.statusReasons())));
        } else if ("WARN".equals(facts.status())) {
            warn = true;
            issues.add(
                    new Verdict.Issue(
                            "status",
                            "MEDIUM",
                            "the circuit breaker warns: "
                                    + String.join("; ", facts.statusReasons())));
        }
        for (DatasetFacts.OpenIncident incident : facts.incidents()) {
            warn = true;
            issues.add(
                    new Verdict.Issue(
                            "incident",
                            incident.severity(),
                            "open incident "
                                    + incident.id()
                                    + " ("
                                    + incident.cause()
                                    + ", since "
                                    + incident.openedAt()
                                    + "): "
                                    + incident.title()));
        }
        if (!facts.incidents().isEmpty()) {
            recommendations.add(
                    "Wait for "
                            + (facts.incidents().size() == 1
                                    ? "incident " + facts.incidents().get(0).id()
                                    : facts.incidents().size() + " open incidents")
                            + " to resolve before relying on its data");
        }
        for (DatasetFacts.FailingCheck check : facts.failingChecks()) {
            warn = true;
            issues.add(
                    new Verdict.Issue(
                            "contract",
                            "FAIL".equals(check.outcome()) ? "HIGH" : "MEDIUM",
                            "contract check "
                                    + check.check()
                                    + " is "
                                    + check.outcome()
                                    + " (at "
                                    + check.at()
                                    + "): "
                                    + check.message()));
        }
        if (!facts.failingChecks().isEmpty()) {
            recommendations.add(
                    "Ask its owners about the failing contract checks, or read only data the"
                            + " checks cover");
        }
        if (facts.healthScore() != null && facts.healthScore() < QualityRanking.LOW_HEALTH_SCORE) {
            warn = true;
            issues.add(
                    new Verdict.Issue(
                            "documentation",
                            "LOW",
                            String.format(
                                            Locale.ROOT,
                                            "documentation health %.0f/100",
                                            facts.healthScore())
                                    + (facts.documentationGaps().isEmpty()
                                            ? ""
                                            : ": "
                                                    + String.join(
                                                            "; ", facts.documentationGaps()))));
            recommendations.add(
                    "Confirm what its columns mean with its owners: it is poorly documented");
        }
        if (facts.deprecated()) {
            block = true;
            issues.add(
                    new Verdict.Issue(
                            "deprecation",
                            "HIGH",
                            "deprecated in DataHub"
                                    + (facts.deprecationNote() == null
                                            ? ""
                                            : ": " + facts.deprecationNote())));
            recommendations.add(
                    facts.replacement() == null
                            ? "Do not build new work on a deprecated dataset"
                            : "Use "
                                    + facts.replacement()
                                    + " instead: DataHub names it the replacement");
        }
        List<Verdict.Alternative> alternatives = alternatives(facts, similar);
        if ((block || warn) && !alternatives.isEmpty()) {
            Verdict.Alternative best = alternatives.get(0);
            recommendations.add(
                    "Consider "
                            + best.name()
                            + " ("
                            + best.status()
                            + (best.healthScore() == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT, ", health %.0f", best.healthScore()))
                            + ")");
        }
        String status = block ? "BLOCK" : warn ? "WARN" : "PASS";
        return new Verdict(
                facts.urn(),
                facts.name(),
                status,
                List.copyOf(issues),
                List.copyOf(recommendations),
                alternatives);
    }

    private static List<Verdict.Alternative> alternatives(
            DatasetFacts facts, List<SearchResult> similar) {
        List<Verdict.Alternative> out = new ArrayList<>();
        double least = facts.healthScore() == null ? 0 : facts.healthScore();
        for (SearchResult r : similar) {
            DocumentPayload d = r.dataset();
            boolean better =
                    !d.urn().equals(facts.urn())
                            && (d.qualityStatus() == null || "PASS".equals(d.qualityStatus()))
                            && d.openIncidents() == 0
                            && !d.deprecated()
                            && (d.healthScore() == null || d.healthScore() >= least);
            if (better && out.size() < ALTERNATIVES) {
                out.add(
                        new Verdict.Alternative(
                                d.urn(),
                                d.name(),
                                d.qualityStatus() == null ? "PASS" : d.qualityStatus(),
                                d.healthScore(),
                                "similar by " + String.join("; ", r.matched())));
            }
        }
        return List.copyOf(out);
    }
}
