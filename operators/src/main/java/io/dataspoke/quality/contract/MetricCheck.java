package io.dataspoke.quality.contract;

import io.dataspoke.quality.ColumnProfile;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A check on a number measured from one observation: {@code row_count}, {@code missing_count},
 * {@code missing_percent}, {@code invalid_percent}, {@code duplicate_percent} or {@code
 * completeness}. It fails when {@code fail} holds, else warns when {@code warn} holds.
 *
 * @param column the column of column checks, null for row_count and completeness
 * @param columns the columns completeness looks at; empty for every profiled column
 * @param warn when the check warns, null for no warn level
 * @param fail when the check fails, null for no fail level
 * @param validity what a valid value is, for invalid_percent only
 */
public record MetricCheck(
        String id,
        String text,
        String name,
        CheckType type,
        String column,
        List<String> columns,
        Condition warn,
        Condition fail,
        Validity validity,
        Severity severity,
        String contractFile)
        implements Check {

    private static final int INVALID_EXAMPLES = 3;

    public MetricCheck {
        if (type == CheckType.FRESHNESS || type == CheckType.SCHEMA) {
            throw new IllegalArgumentException(
                    type + " is not a metric: use FreshnessCheck or SchemaCheck");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    @Override
    public MetricCheck withId(String newId) {
        return new MetricCheck(
                newId,
                text,
                name,
                type,
                column,
                columns,
                warn,
                fail,
                validity,
                severity,
                contractFile);
    }

    /** The metric as messages name it: {@code missing_percent(email)}, {@code row_count}. */
    public String metric() {
        return column == null ? type.label() : type.label() + "(" + column + ")";
    }

    /**
     * True when {@code observation} is one this check is evaluated on: profiles for every metric,
     * and for {@code row_count} of a dataset that is never profiled each successful load
     * (operation, run, query), whose rows written stand in for the row count.
     */
    public boolean appliesTo(Observation observation, boolean datasetIsProfiled) {
        if (observation.signal() == Signal.PROFILE) {
            return true;
        }
        return type == CheckType.ROW_COUNT && !datasetIsProfiled && isLoad(observation);
    }

    /**
     * Measures the metric in {@code observation} and compares it with the thresholds; NO_DATA,
     * naming the missing signal, when the observation does not carry what the metric needs.
     */
    public Evaluation evaluate(Observation observation) {
        Measure measure =
                switch (type) {
                    case ROW_COUNT -> rowCount(observation);
                    case MISSING_COUNT -> missingCount(observation);
                    case MISSING_PERCENT -> missingPercent(observation);
                    case INVALID_PERCENT -> invalidPercent(observation);
                    case DUPLICATE_PERCENT -> duplicatePercent(observation);
                    case COMPLETENESS -> completeness(observation);
                    case FRESHNESS, SCHEMA -> throw new AssertionError(type);
                };
        if (measure.missing() != null) {
            return Evaluation.noData(metric() + ": " + measure.missing());
        }
        double value = measure.value();
        Outcome outcome =
                fail != null && fail.test(value)
                        ? Outcome.FAIL
                        : warn != null && warn.test(value) ? Outcome.WARN : Outcome.PASS;
        String message =
                metric()
                        + " = "
                        + type.unit().format(value)
                        + " ("
                        + levels()
                        + ")"
                        + (measure.detail() == null ? "" : "; " + measure.detail());
        return new Evaluation(outcome, value, message);
    }

    /** {@code warn when < 1000, fail when < 10}. */
    String levels() {
        List<String> levels = new ArrayList<>();
        if (warn != null) {
            levels.add("warn when " + warn);
        }
        if (fail != null) {
            levels.add("fail when " + fail);
        }
        return String.join(", ", levels);
    }

    private static boolean isLoad(Observation o) {
        return (o.signal() == Signal.OPERATION
                        || o.signal() == Signal.RUN
                        || o.signal() == Signal.QUERY_LOG)
                && !o.failedRun();
    }

    private Measure rowCount(Observation o) {
        if (o.signal() == Signal.PROFILE) {
            return o.rowCount() == null
                    ? Measure.missing("the profile has no row count")
                    : Measure.of(o.rowCount(), null);
        }
        if (isLoad(o)) {
            String signal = o.signal().name().toLowerCase(Locale.ROOT);
            return o.rowsWritten() == null
                    ? Measure.missing("the " + signal + " reported no rows written")
                    : Measure.of(o.rowsWritten(), "rows written by the " + signal);
        }
        return Measure.missing("a " + o.signal() + " observation carries no row count");
    }

    private Measure missingCount(Observation o) {
        ColumnProfile profile = profiled(o);
        if (profile == null) {
            return noColumn(o);
        }
        if (profile.nullCount() != null) {
            return Measure.of(profile.nullCount(), null);
        }
        if (profile.nullProportion() != null && o.rowCount() != null) {
            return Measure.of(
                    Math.round(profile.nullProportion() * o.rowCount()),
                    "from the null proportion and the row count");
        }
        return Measure.missing("the profile has no null count for column " + column);
    }

    private Measure missingPercent(Observation o) {
        ColumnProfile profile = profiled(o);
        if (profile == null) {
            return noColumn(o);
        }
        Double percent = nullPercent(profile, o.rowCount());
        return percent == null
                ? Measure.missing("the profile has no null proportion for column " + column)
                : Measure.of(percent, null);
    }

    private Measure duplicatePercent(Observation o) {
        ColumnProfile profile = profiled(o);
        if (profile == null) {
            return noColumn(o);
        }
        if (profile.uniqueProportion() != null) {
            return Measure.of(100 * (1 - profile.uniqueProportion()), null);
        }
        if (profile.uniqueCount() != null && o.rowCount() != null && o.rowCount() > 0) {
            return Measure.of(100.0 * (o.rowCount() - profile.uniqueCount()) / o.rowCount(), null);
        }
        return Measure.missing("the profile has no unique proportion for column " + column);
    }

    private Measure invalidPercent(Observation o) {
        ColumnProfile profile = profiled(o);
        if (profile == null) {
            return noColumn(o);
        }
        List<String> samples = new ArrayList<>();
        if (profile.sampleValues() != null) {
            for (String value : profile.sampleValues()) {
                if (value != null) {
                    samples.add(value);
                }
            }
        }
        if (samples.isEmpty()) {
            return Measure.missing("the profile has no sample values for column " + column);
        }
        List<String> invalid = samples.stream().filter(v -> !validity.valid(v)).toList();
        String detail = invalid.size() + " of " + samples.size() + " sampled values invalid";
        if (!invalid.isEmpty()) {
            detail +=
                    ", e.g. "
                            + invalid.stream()
                                    .distinct()
                                    .limit(INVALID_EXAMPLES)
                                    .map(v -> "'" + v + "'")
                                    .collect(Collectors.joining(", "));
        }
        return Measure.of(100.0 * invalid.size() / samples.size(), detail);
    }

    private Measure completeness(Observation o) {
        if (o.signal() != Signal.PROFILE || o.columns() == null || o.columns().length == 0) {
            return Measure.missing("the " + signalName(o) + " has no column statistics");
        }
        List<String> unmeasured = new ArrayList<>();
        String lowestColumn = null;
        double lowest = Double.MAX_VALUE;
        int measured = 0;
        List<ColumnProfile> candidates = new ArrayList<>();
        if (columns.isEmpty()) {
            candidates.addAll(List.of(o.columns()));
        } else {
            for (String wanted : columns) {
                ColumnProfile profile = o.column(wanted);
                if (profile == null) {
                    unmeasured.add(wanted);
                } else {
                    candidates.add(profile);
                }
            }
        }
        for (ColumnProfile profile : candidates) {
            Double nullPercent = nullPercent(profile, o.rowCount());
            if (nullPercent == null) {
                if (!columns.isEmpty()) {
                    unmeasured.add(profile.name());
                }
                continue;
            }
            measured++;
            if (100 - nullPercent < lowest) {
                lowest = 100 - nullPercent;
                lowestColumn = profile.name();
            }
        }
        if (!unmeasured.isEmpty()) {
            return Measure.missing(
                    "the profile has no null statistics for column(s) "
                            + String.join(", ", unmeasured));
        }
        if (measured == 0) {
            return Measure.missing("the profile has no null statistics for any column");
        }
        return Measure.of(
                lowest, "lowest column " + lowestColumn + " of " + measured + " measured");
    }

    private ColumnProfile profiled(Observation o) {
        return o.signal() == Signal.PROFILE ? o.column(column) : null;
    }

    private Measure noColumn(Observation o) {
        return o.signal() == Signal.PROFILE
                ? Measure.missing("the profile has no statistics for column " + column)
                : Measure.missing("needs a profile, got a " + signalName(o));
    }

    private static String signalName(Observation o) {
        return o.signal() == Signal.PROFILE ? "profile" : o.signal().name() + " observation";
    }

    /** Percent of nulls: the null proportion, else null count over row count. */
    private static Double nullPercent(ColumnProfile profile, Long rowCount) {
        if (profile.nullProportion() != null) {
            return 100 * profile.nullProportion();
        }
        if (profile.nullCount() != null && rowCount != null && rowCount > 0) {
            return 100.0 * profile.nullCount() / rowCount;
        }
        return null;
    }

    /** A measured value with what people need to read it, or why nothing was measured. */
    private record Measure(double value, String detail, String missing) {
        static Measure of(double value, String detail) {
            return new Measure(value, detail, null);
        }

        static Measure missing(String why) {
            return new Measure(Double.NaN, null, why);
        }
    }
}
