package io.dataspoke.quality.contract;

import io.dataspoke.quality.Severity;
import java.io.Serializable;

/**
 * One check of a data contract. Metric checks read profiles and loads ({@link MetricCheck}),
 * freshness is measured against the time of the last load ({@link FreshnessCheck}), schema checks
 * compare columns and types ({@link SchemaCheck}).
 */
public sealed interface Check extends Serializable
        permits MetricCheck, FreshnessCheck, SchemaCheck {

    /**
     * Stable id within a dataset, e.g. {@code missing_percent(email)}; a second check of the same
     * metric gets {@code #2}, one from another contract file {@code @<file name>}.
     */
    String id();

    /** The check as the contract writes it, e.g. {@code missing_percent(email) < 1%}. */
    String text();

    /** The {@code name:} the contract gives the check, null when none. */
    String name();

    CheckType type();

    /** The check's own {@code severity:}, else its contract's. */
    Severity severity();

    /** The contract file the check comes from, as given at start-up. */
    String contractFile();

    /** What people see: the {@code name:} when given, else the text. */
    default String displayName() {
        return name() == null ? text() : name();
    }

    /** This check under another id (the contract set makes ids distinct per dataset). */
    Check withId(String id);
}
