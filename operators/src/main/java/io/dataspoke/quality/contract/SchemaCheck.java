package io.dataspoke.quality.contract;

import io.dataspoke.event.SchemaColumn;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Columns and types of a dataset. With rules (SodaCL's {@code when required column missing}, {@code
 * when wrong column type}, {@code when forbidden column present}, or a contract's {@code columns:}
 * list) the current schema is checked against them; without rules the check guards against breaking
 * changes: it compares the schema with the one observed before and fails when a column disappears
 * or changes type, warns when one is added. Column names compare case-insensitively, types as
 * {@link ColumnType#typeMatches} does.
 *
 * @param rules empty for the breaking-change guard
 * @param warnOnUnlisted warn when a column the rules do not name appears ({@code columns:} lists)
 */
public record SchemaCheck(
        String id,
        String text,
        String name,
        List<Rule> rules,
        boolean warnOnUnlisted,
        Severity severity,
        String contractFile)
        implements Check {

    /** What a schema rule looks for. */
    public enum Kind {
        /** The column must exist. */
        MISSING,
        /** The column must exist with the rule's type. */
        WRONG_TYPE,
        /** The column must not exist. */
        FORBIDDEN
    }

    /**
     * One column a rule names, and the outcome when the rule is broken.
     *
     * @param type the expected type for WRONG_TYPE, null otherwise
     */
    public record Rule(Kind kind, String column, String type, Outcome level)
            implements Serializable {}

    public SchemaCheck {
        rules = List.copyOf(rules);
    }

    @Override
    public CheckType type() {
        return CheckType.SCHEMA;
    }

    @Override
    public SchemaCheck withId(String newId) {
        return new SchemaCheck(newId, text, name, rules, warnOnUnlisted, severity, contractFile);
    }

    /** True when the check compares with the previous schema instead of rules. */
    public boolean guardsBreakingChanges() {
        return rules.isEmpty() && !warnOnUnlisted;
    }

    /**
     * Checks {@code current} against the rules, or against {@code previous} for the guard.
     *
     * @param previous the schema observed before, null when none (the guard then passes and the
     *     caller keeps {@code current} as the baseline)
     * @param current the schema now, null when the observation carries none (NO_DATA)
     */
    public Evaluation evaluate(SchemaColumn[] previous, SchemaColumn[] current) {
        if (current == null) {
            return Evaluation.noData("schema: the observation carries no schema");
        }
        if (guardsBreakingChanges() && previous == null) {
            return new Evaluation(
                    Outcome.PASS,
                    0.0,
                    "schema: first schema seen ("
                            + current.length
                            + " columns), kept as the baseline");
        }
        List<Finding> findings = findings(previous, current);
        if (findings.isEmpty()) {
            String what =
                    guardsBreakingChanges()
                            ? "no column removed, changed or added"
                            : "as the contract expects";
            return new Evaluation(
                    Outcome.PASS, 0.0, "schema: " + what + " (" + current.length + " columns)");
        }
        Outcome outcome =
                findings.stream().anyMatch(f -> f.level() == Outcome.FAIL)
                        ? Outcome.FAIL
                        : Outcome.WARN;
        String message =
                "schema: " + findings.stream().map(Finding::text).collect(Collectors.joining("; "));
        return new Evaluation(outcome, (double) findings.size(), message);
    }

    /**
     * The columns that break the contract: removed or retyped since {@code previous} for the guard,
     * missing or of the wrong type for rules. In schema order of the expectation.
     */
    public List<String> removedOrChanged(SchemaColumn[] previous, SchemaColumn[] current) {
        return columnsOf(previous, current, Set.of(Change.REMOVED, Change.CHANGED));
    }

    /** The columns that appeared: added since {@code previous}, or not listed, or forbidden. */
    public List<String> added(SchemaColumn[] previous, SchemaColumn[] current) {
        return columnsOf(previous, current, Set.of(Change.ADDED));
    }

    private List<String> columnsOf(
            SchemaColumn[] previous, SchemaColumn[] current, Set<Change> changes) {
        if (current == null || (guardsBreakingChanges() && previous == null)) {
            return List.of();
        }
        return findings(previous, current).stream()
                .filter(f -> changes.contains(f.change()))
                .map(Finding::column)
                .distinct()
                .toList();
    }

    private enum Change {
        REMOVED,
        CHANGED,
        ADDED
    }

    private record Finding(Change change, String column, Outcome level, String text) {}

    private List<Finding> findings(SchemaColumn[] previous, SchemaColumn[] current) {
        Map<String, SchemaColumn> now = byName(current);
        List<Finding> findings = new ArrayList<>();
        if (guardsBreakingChanges()) {
            Map<String, SchemaColumn> before = byName(previous);
            for (SchemaColumn old : before.values()) {
                SchemaColumn column = now.get(key(old.name()));
                if (column == null) {
                    findings.add(
                            new Finding(
                                    Change.REMOVED,
                                    old.name(),
                                    Outcome.FAIL,
                                    "column " + old.name() + " removed"));
                } else if (!ColumnType.normalize(old.type())
                        .equals(ColumnType.normalize(column.type()))) {
                    findings.add(
                            new Finding(
                                    Change.CHANGED,
                                    old.name(),
                                    Outcome.FAIL,
                                    "column "
                                            + old.name()
                                            + " changed type from "
                                            + old.type()
                                            + " to "
                                            + column.type()));
                }
            }
            for (SchemaColumn column : now.values()) {
                if (!before.containsKey(key(column.name()))) {
                    findings.add(
                            new Finding(
                                    Change.ADDED,
                                    column.name(),
                                    Outcome.WARN,
                                    "column " + column.name() + " added"));
                }
            }
            return findings;
        }
        for (Rule rule : rules) {
            SchemaColumn column = now.get(key(rule.column()));
            switch (rule.kind()) {
                case MISSING -> {
                    if (column == null) {
                        findings.add(
                                new Finding(
                                        Change.REMOVED,
                                        rule.column(),
                                        rule.level(),
                                        "required column " + rule.column() + " missing"));
                    }
                }
                case WRONG_TYPE -> {
                    if (column == null) {
                        findings.add(
                                new Finding(
                                        Change.REMOVED,
                                        rule.column(),
                                        rule.level(),
                                        "column "
                                                + rule.column()
                                                + " missing (expected "
                                                + rule.type()
                                                + ")"));
                    } else if (!new ColumnType(rule.column(), rule.type())
                            .typeMatches(column.type())) {
                        findings.add(
                                new Finding(
                                        Change.CHANGED,
                                        rule.column(),
                                        rule.level(),
                                        "column "
                                                + rule.column()
                                                + " is "
                                                + column.type()
                                                + ", expected "
                                                + rule.type()));
                    }
                }
                case FORBIDDEN -> {
                    if (column != null) {
                        findings.add(
                                new Finding(
                                        Change.ADDED,
                                        column.name(),
                                        rule.level(),
                                        "forbidden column " + column.name() + " present"));
                    }
                }
            }
        }
        if (warnOnUnlisted) {
            Set<String> listed =
                    rules.stream()
                            .filter(r -> r.kind() != Kind.FORBIDDEN)
                            .map(r -> key(r.column()))
                            .collect(Collectors.toSet());
            for (SchemaColumn column : now.values()) {
                if (!listed.contains(key(column.name()))) {
                    findings.add(
                            new Finding(
                                    Change.ADDED,
                                    column.name(),
                                    Outcome.WARN,
                                    "column " + column.name() + " is not in the contract"));
                }
            }
        }
        return findings;
    }

    private static Map<String, SchemaColumn> byName(SchemaColumn[] columns) {
        Map<String, SchemaColumn> byName = new LinkedHashMap<>();
        if (columns != null) {
            for (SchemaColumn column : columns) {
                byName.putIfAbsent(key(column.name()), column);
            }
        }
        return byName;
    }

    private static String key(String column) {
        return column.toLowerCase(Locale.ROOT);
    }
}
