package io.dataspoke.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Columns that look personal (by name, including Korean names such as 주민번호, or by native type)
 * carry a PII tag or a personal-information glossary term. Each unclassified column costs its share
 * of the rule's weight.
 */
public final class PiiRule implements AuditRule {

    public static final String ID = "pii";

    private final HealthRulesConfig.Pii config;
    private final List<Pattern> columnPatterns;
    private final List<Pattern> typePatterns;

    public PiiRule(HealthRulesConfig.Pii config) {
        this.config = config;
        this.columnPatterns = config.columnPatterns().stream().map(Pattern::compile).toList();
        this.typePatterns =
                config.typePatterns().stream()
                        .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE))
                        .toList();
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
        List<DatasetDocs.Column> personal = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (DatasetDocs.Column column : dataset.columns()) {
            looksPersonal(column)
                    .ifPresent(
                            reason -> {
                                personal.add(column);
                                reasons.add(reason);
                            });
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < personal.size(); i++) {
            DatasetDocs.Column column = personal.get(i);
            if (!isClassified(column)) {
                violations.add(
                        new Violation(
                                ID,
                                column.path(),
                                "Column "
                                        + column.path()
                                        + " looks personal ("
                                        + reasons.get(i)
                                        + ") but has no PII classification; tag it "
                                        + config.tags().stream().findFirst().orElse("as PII")
                                        + " or give it a personal-information glossary term.",
                                1.0 / personal.size()));
            }
        }
        return violations;
    }

    /** Why the column looks personal, empty when it does not. */
    public Optional<String> looksPersonal(DatasetDocs.Column column) {
        String name = column.leafName().toLowerCase(Locale.ROOT);
        for (Pattern p : columnPatterns) {
            var m = p.matcher(name);
            if (m.find()) {
                return Optional.of(
                        "its name matches \"" + m.group().replaceAll("^_|_$", "") + "\"");
            }
        }
        if (column.nativeType() != null) {
            for (Pattern p : typePatterns) {
                if (p.matcher(column.nativeType()).find()) {
                    return Optional.of("its type is " + column.nativeType());
                }
            }
        }
        return Optional.empty();
    }

    /** True when the column carries one of the PII tags or glossary terms. */
    public boolean isClassified(DatasetDocs.Column column) {
        return column.tags().stream().anyMatch(config.tags()::contains)
                || column.terms().stream()
                        .anyMatch(t -> config.termPrefixes().stream().anyMatch(t::startsWith));
    }
}
