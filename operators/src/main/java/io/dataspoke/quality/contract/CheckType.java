package io.dataspoke.quality.contract;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of contract check, named as SodaCL names its metrics. */
public enum CheckType {
    ROW_COUNT("row_count", Unit.COUNT),
    MISSING_COUNT("missing_count", Unit.COUNT),
    MISSING_PERCENT("missing_percent", Unit.PERCENT),
    INVALID_PERCENT("invalid_percent", Unit.PERCENT),
    DUPLICATE_PERCENT("duplicate_percent", Unit.PERCENT),
    COMPLETENESS("completeness", Unit.PERCENT),
    FRESHNESS("freshness", Unit.MILLIS),
    SCHEMA("schema", null);

    private final String label;
    private final Unit unit;

    CheckType(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The name contracts use, e.g. {@code missing_percent}; also the {@code check_type} stored. */
    public String label() {
        return label;
    }

    /** What the check's thresholds are measured in; null for schema. */
    Unit unit() {
        return unit;
    }

    /** True when the check names a column: {@code missing_count(email)}. */
    boolean needsColumn() {
        return this == MISSING_COUNT
                || this == MISSING_PERCENT
                || this == INVALID_PERCENT
                || this == DUPLICATE_PERCENT;
    }

    static Optional<CheckType> byLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
