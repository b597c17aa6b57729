package io.dataspoke.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.TableConfigOptions;

/**
 * Runs DataSpoke's Flink SQL scripts (sql/catalog.sql and sql/recipes/) in a Table environment in
 * batch mode: what {@code dataspoke sql} does for a user without a cluster, and what the tests run.
 * Placeholders ({@code ${postgres.url}} …) are filled from the values given; a placeholder without
 * a value stops the run naming it.
 */
public final class SqlScripts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private SqlScripts() {}

    /** Printed columns are cut at this width: URNs are long. */
    static final int MAX_COLUMN_WIDTH = 100;

    /** A batch Table environment: the tables are bounded reads of Postgres and of the topic. */
    public static TableEnvironment environment() {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set(TableConfigOptions.DISPLAY_MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        return env;
    }

    /** The catalog script bundled in the jar. */
    public static String catalog() throws IOException {
        return resource("sql/catalog.sql");
    }

    /** A script bundled in the jar, e.g. {@code sql/recipes/blocked_now.sql}. */
    public static String resource(String path) throws IOException {
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no script " + path + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code script} with its placeholders filled from {@code values}. */
    public static String fill(String script, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "the script needs ${" + m.group(1) + "}, and no value was given for it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The statements of a script: comment lines dropped, split at semicolons that end a line. (The
     * scripts keep semicolons out of string literals.)
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Runs the catalog's statements in {@code env}. */
    public static void createCatalog(TableEnvironment env, Map<String, String> values)
            throws IOException {
        for (String statement : statements(fill(catalog(), values))) {
            env.executeSql(statement);
        }
    }
}
