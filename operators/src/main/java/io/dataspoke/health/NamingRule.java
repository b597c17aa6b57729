package io.dataspoke.health;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The table part of the name follows the platform's convention (a regex per platform, a default for
 * the rest) and holds none of the scratch words that mark copies and experiments ({@code tmp},
 * {@code bak}, {@code old}, …) as whole {@code _}-separated words.
 */
public final class NamingRule implements AuditRule {

    public static final String ID = "naming";

    private final HealthRulesConfig.Naming config;
    private final Pattern defaultPattern;
    private final Map<String, Pattern> platformPatterns = new HashMap<>();

    public NamingRule(HealthRulesConfig.Naming config) {
        this.config = config;
        this.defaultPattern = Pattern.compile(config.defaultPattern());
        config.platforms()
                .forEach(
                        (platform, regex) ->
                                platformPatterns.put(platform, Pattern.compile(regex)));
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
        String table = dataset.tableName();
        Pattern platformPattern = platformPatterns.get(dataset.platform());
        Pattern convention = platformPattern == null ? defaultPattern : platformPattern;
        List<String> problems = new ArrayList<>();
        if (!convention.matcher(table).matches()) {
            problems.add(
                    "does not follow the "
                            + (platformPattern == null ? "" : dataset.platform() + " ")
                            + "naming convention "
                            + convention.pattern());
        }
        for (String word : table.toLowerCase(Locale.ROOT).split("[_.\\-]")) {
            if (config.forbiddenWords().contains(word)) {
                problems.add("contains the scratch word \"" + word + "\"");
            }
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        return List.of(
                new Violation(
                        ID,
                        "name",
                        "The table name \""
                                + table
                                + "\" "
                                + String.join(" and ", problems)
                                + "; rename it, or deprecate it if it is a leftover copy.",
                        1.0));
    }
}
