package io.dataspoke.health;

import java.util.List;

/** One documentation rule of the auditor: what it checks, how much it weighs. */
public interface AuditRule {

    /** The rule's id in config, reports and Postgres, e.g. {@code column-docs}. */
    String id();

    /** The rule's weight in the score (a dataset that breaks nothing scores 100). */
    int weight();

    /** The violations of {@code dataset}, empty when it follows the rule. */
    List<Violation> check(DatasetDocs dataset);
}
