package io.dataspoke.health;

import java.util.List;
import java.util.Locale;

/**
 * The dataset has a description that says something: present in {@code datasetProperties} or {@code
 * editableDatasetProperties} (the edited one wins, as in DataHub's UI), not a placeholder, not just
 * its own name, and at least {@code minLength} characters.
 */
public final class DescriptionRule implements AuditRule {

    public static final String ID = "description";

    private final HealthRulesConfig.Description config;

    public DescriptionRule(HealthRulesConfig.Description config) {
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
        String description = dataset.description();
        if (description == null) {
            return fail(
                    "No description. Add one in DataHub (About) saying what one row is and what"
                            + " the dataset is for.");
        }
        String text = description.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (isPlaceholder(lower)) {
            return fail(
                    "The description is a placeholder (\""
                            + abbreviate(text)
                            + "\"). Replace it with what one row is and what the dataset is for.");
        }
        if (repeatsName(lower, dataset)) {
            return fail(
                    "The description only repeats the name (\""
                            + abbreviate(text)
                            + "\"). Say what one row is and what the dataset is for.");
        }
        if (text.length() < config.minLength()) {
            return fail(
                    "The description has "
                            + text.length()
                            + " characters (\""
                            + abbreviate(text)
                            + "\"); write at least "
                            + config.minLength()
                            + ": what one row is and what the dataset is for.");
        }
        return List.of();
    }

    private boolean isPlaceholder(String lower) {
        if (config.placeholders().stream().anyMatch(p -> p.equalsIgnoreCase(lower))) {
            return true;
        }
        return config.placeholderPrefixes().stream()
                .anyMatch(p -> lower.startsWith(p.toLowerCase(Locale.ROOT)));
    }

    private static boolean repeatsName(String lower, DatasetDocs dataset) {
        String table = dataset.tableName().toLowerCase(Locale.ROOT);
        String name = dataset.name().toLowerCase(Locale.ROOT);
        return lower.equals(table)
                || lower.equals(name)
                || lower.equals(table.replace('_', ' '))
                || lower.equals(name.replace('_', ' '));
    }

    private static List<Violation> fail(String message) {
        return List.of(new Violation(ID, "description", message, 1.0));
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
