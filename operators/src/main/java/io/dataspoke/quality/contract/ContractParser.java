package io.dataspoke.quality.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataspoke.config.ConfigException;
import io.dataspoke.config.YamlFiles;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Walks one contract file's YAML tree into {@link Contract}s. The file is free-form (SodaCL keys
 * such as {@code checks for X} and {@code missing_percent(email) < 1%}), so it is read as a tree,
 * not bound to types; every mistake names the key path, and its line comes from {@link
 * YamlFiles#keyLines}.
 */
final class ContractParser {

    private static final ObjectMapper MAPPER =
            YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                    .build();

    private static final String SODA_BLOCK = "checks for ";

    private static final List<String> TOP_LEVEL_KEYS =
            List.of(
                    "checks",
                    "dataset",
                    "datasets",
                    "description",
                    "match",
                    "schema",
                    "severity",
                    "slo");

    private static final String EXPECTED_CHECKS =
            "expected row_count, missing_count(col), missing_percent(col), invalid_percent(col),"
                    + " duplicate_percent(col), freshness(col), completeness, schema";

    private static final Pattern EXPRESSION =
            Pattern.compile("^([A-Za-z_]+)\\s*(?:\\(\\s*([^)]*?)\\s*\\))?\\s*(.*)$");

    private static final Pattern BETWEEN =
            Pattern.compile("^(not\\s+)?between\\s+(.+?)\\s+and\\s+(.+)$");

    private static final Pattern COMPARISON = Pattern.compile("^(>=|<=|!=|=|>|<)\\s*(.+)$");

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?$");

    private static final Pattern DURATION_PART =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-z]+)\\s*");

    private static final Map<String, Long> DURATION_UNITS = durationUnits();

    private static final String SCHEMA_MISSING = "when required column missing";
    private static final String SCHEMA_WRONG_TYPE = "when wrong column type";
    private static final String SCHEMA_FORBIDDEN = "when forbidden column present";

    private final Path file;
    private final String text;
    private final String fileName;
    private Map<String, Integer> lines;

    ContractParser(Path file, String text) {
        this.file = file;
        this.text = text;
        this.fileName = file.toString();
    }

    List<Contract> parse() {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            Matcher duplicate = Pattern.compile("^Duplicate field '(.*?)'").matcher(problem);
            if (duplicate.find()) {
                String key = duplicate.group(1);
                throw new ConfigException(
                        file, secondLineOf(key), "", "key '" + key + "' appears twice", e);
            }
            throw new ConfigException(
                    file,
                    line(e.getLocation()),
                    "",
                    "invalid YAML: " + problem.lines().findFirst().orElse(""),
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file, 0, "", "the file is empty");
        }
        if (!root.isObject()) {
            throw new ConfigException(
                    file,
                    1,
                    "",
                    "expected a mapping with `dataset:` and `checks:`, or `checks for <dataset>:`"
                            + " blocks");
        }
        boolean soda = false;
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            soda |= keys.next().startsWith(SODA_BLOCK);
        }
        return soda ? sodaContracts(root) : List.of(contract(root));
    }

    // ---- SodaCL: checks for <dataset>: [ ... ]

    private List<Contract> sodaContracts(JsonNode root) {
        List<Contract> contracts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> block = it.next();
            String key = block.getKey();
            if (!key.startsWith(SODA_BLOCK)) {
                throw error(
                        key,
                        "unknown key '"
                                + key
                                + "'; a SodaCL file holds only `checks for <dataset>:` blocks");
            }
            String dataset = key.substring(SODA_BLOCK.length()).trim();
            if (dataset.isEmpty()) {
                throw error(key, "name the dataset: `checks for <dataset name or URN>:`");
            }
            List<Check> checks = checks(key, block.getValue(), Severity.MEDIUM);
            contracts.add(
                    new Contract(
                            fileName,
                            DatasetSelector.of(List.of(dataset)),
                            Severity.MEDIUM,
                            distinctIds(checks)));
        }
        return contracts;
    }

    // ---- DataSpoke contracts: dataset/datasets/match, severity, slo, checks, schema

    private Contract contract(JsonNode root) {
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw error(
                        key,
                        "unknown key '"
                                + key
                                + "'; expected one of: "
                                + String.join(", ", TOP_LEVEL_KEYS)
                                + ", or SodaCL `checks for <dataset>:` blocks");
            }
        }
        DatasetSelector selector = selector(root);
        Severity severity =
                root.has("severity")
                        ? severity("severity", "severity", root.get("severity"))
                        : Severity.MEDIUM;
        List<Check> checks = new ArrayList<>();
        if (root.has("checks")) {
            checks.addAll(checks("checks", root.get("checks"), severity));
        }
        SchemaCheck schema = null;
        if (root.has("schema")) {
            JsonNode node = root.get("schema");
            if (!node.isNull() && !node.isObject()) {
                throw error(
                        "schema",
                        "expected a mapping, e.g. `columns: { id: bigint }`, or `{}` to guard"
                                + " against breaking changes");
            }
            schema = schemaCheck("schema", "schema", "schema", node, severity);
            checks.add(schema);
        }
        if (root.has("slo")) {
            checks.addAll(slo(root.get("slo"), severity, schema));
        }
        if (checks.isEmpty()) {
            throw new ConfigException(file, 0, "", "no checks: add `checks:`, `slo:` or `schema:`");
        }
        return new Contract(fileName, selector, severity, distinctIds(checks));
    }

    private DatasetSelector selector(JsonNode root) {
        int count =
                (root.has("dataset") ? 1 : 0)
                        + (root.has("datasets") ? 1 : 0)
                        + (root.has("match") ? 1 : 0);
        if (count == 0) {
            throw new ConfigException(
                    file,
                    0,
                    "",
                    "no dataset selector: name the datasets with `dataset:`, `datasets:` or"
                            + " `match:`");
        }
        if (count > 1) {
            String second = root.has("match") ? "match" : "datasets";
            throw error(second, "use only one of dataset, datasets and match");
        }
        if (root.has("dataset")) {
            return DatasetSelector.of(List.of(string("dataset", "dataset", root.get("dataset"))));
        }
        if (root.has("datasets")) {
            JsonNode list = root.get("datasets");
            if (!list.isArray() || list.isEmpty()) {
                throw error("datasets", "expected a list of dataset names or URNs");
            }
            List<String> datasets = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String key = "datasets[" + i + "]";
                datasets.add(string(key, key, list.get(i)));
            }
            return DatasetSelector.of(datasets);
        }
        JsonNode match = root.get("match");
        if (!match.isObject()) {
            throw error("match", "expected a mapping: `{ platform: snowflake, name: \"a.b.*\" }`");
        }
        allowKeys("match", "match", match, List.of("name", "platform"));
        if (!match.has("name")) {
            throw error("match", "`name:` (a glob on the dataset name) is required");
        }
        String platform =
                match.has("platform")
                        ? string("match.platform", "match.platform", match.get("platform"))
                        : null;
        return DatasetSelector.match(
                platform, string("match.name", "match.name", match.get("name")));
    }

    private List<Check> slo(JsonNode slo, Severity severity, SchemaCheck schema) {
        if (!slo.isObject()) {
            throw error("slo", "expected a mapping with freshness: and/or completeness:");
        }
        allowKeys("slo", "slo", slo, List.of("completeness", "freshness"));
        List<Check> checks = new ArrayList<>();
        if (slo.has("freshness")) {
            String value = slo.get("freshness").asText("").trim();
            String key = "slo.freshness";
            String expected = "expected a duration like \"< 1 hour\", got \"" + value + "\"";
            if (!slo.get("freshness").isValueNode()
                    || value.startsWith(">")
                    || !value.matches("^(<=?)?\\s*\\d.*")) {
                throw error(key, expected);
            }
            Condition pass;
            if (value.startsWith("<")) {
                pass = condition(key, key, value, Unit.MILLIS);
            } else {
                pass = Condition.of(Condition.Op.LT, duration(key, key, value), Unit.MILLIS);
            }
            checks.add(
                    new FreshnessCheck(
                            "freshness",
                            "freshness " + value,
                            null,
                            null,
                            null,
                            pass.negate(),
                            severity,
                            fileName));
        }
        if (slo.has("completeness")) {
            String key = "slo.completeness";
            String value = slo.get("completeness").asText("").trim();
            if (!slo.get("completeness").isValueNode() || !COMPARISON.matcher(value).matches()) {
                throw error(key, "expected a percent like \"> 99.5%\", got \"" + value + "\"");
            }
            Condition pass = condition(key, key, value, Unit.PERCENT);
            List<String> columns =
                    schema == null
                            ? List.of()
                            : schema.rules().stream()
                                    .filter(r -> r.kind() != SchemaCheck.Kind.FORBIDDEN)
                                    .map(SchemaCheck.Rule::column)
                                    .distinct()
                                    .toList();
            checks.add(
                    new MetricCheck(
                            "completeness",
                            "completeness " + value,
                            null,
                            CheckType.COMPLETENESS,
                            null,
                            columns,
                            null,
                            pass.negate(),
                            null,
                            severity,
                            fileName));
        }
        return checks;
    }

    // ---- the check list, shared by both shapes

    private List<Check> checks(String listKey, JsonNode list, Severity severity) {
        if (list == null || !list.isArray()) {
            throw error(listKey, "expected a list of checks, e.g. `- row_count > 0`");
        }
        if (list.isEmpty()) {
            throw error(listKey, "the list of checks is empty");
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            checks.add(check(listKey + "[" + i + "]", list.get(i), severity));
        }
        return checks;
    }

    private Check check(String key, JsonNode item, Severity severity) {
        String expression;
        JsonNode settings = null;
        if (item.isTextual()) {
            expression = item.asText().trim();
        } else if (item.isObject()) {
            if (item.size() != 1) {
                List<String> names = new ArrayList<>();
                item.fieldNames().forEachRemaining(names::add);
                throw error(
                        key,
                        "a check is one key with its settings indented below it; found keys "
                                + String.join(", ", names));
            }
            Map.Entry<String, JsonNode> entry = item.fields().next();
            expression = entry.getKey().trim();
            settings = entry.getValue().isNull() ? null : entry.getValue();
            if (settings != null && !settings.isObject()) {
                throw error(
                        key,
                        "the settings of '"
                                + expression
                                + "' must be a mapping (name:, warn:, fail:, severity: …)");
            }
        } else {
            throw error(key, "expected a check such as 'row_count > 0', got " + item);
        }
        String settingsPath = key + "." + expression;
        Matcher m = EXPRESSION.matcher(expression);
        CheckType type = m.matches() ? CheckType.byLabel(m.group(1)).orElse(null) : null;
        if (type == null) {
            throw error(key, "unknown check '" + expression + "' (" + EXPECTED_CHECKS + ")");
        }
        String column = m.group(2);
        String threshold = m.group(3).trim();
        if (column != null && column.isEmpty()) {
            throw error(key, type + " needs a column: " + type + "(email)");
        }
        if (type.needsColumn() && column == null) {
            throw error(key, type + " needs a column: " + type + "(email)");
        }
        if ((type == CheckType.ROW_COUNT || type == CheckType.SCHEMA) && column != null) {
            throw error(key, type + " takes no column, got '" + expression + "'");
        }
        if (type == CheckType.SCHEMA) {
            if (!threshold.isEmpty()) {
                throw error(key, "schema takes no threshold; put its rules under fail: and warn:");
            }
            return schemaCheck(key, settingsPath, expression, settings, severity);
        }

        List<String> allowed = new ArrayList<>(List.of("fail", "name", "severity", "warn"));
        if (type == CheckType.INVALID_PERCENT) {
            allowed.addAll(List.of("valid max", "valid min", "valid regex", "valid values"));
        }
        if (type == CheckType.COMPLETENESS) {
            allowed.add("columns");
        }
        if (settings != null) {
            allowKeys(key, settingsPath, settings, allowed);
        }
        Unit unit = type.unit();
        Condition fail = null;
        if (!threshold.isEmpty()) {
            Condition pass = condition(key, key, threshold, unit);
            if (unit == Unit.MILLIS
                    && pass.op() != Condition.Op.LT
                    && pass.op() != Condition.Op.LE) {
                throw error(
                        key,
                        "freshness is an upper bound on the age of the data: write '"
                                + m.group(1)
                                + (column == null ? "" : "(" + column + ")")
                                + " < 1h'");
            }
            fail = pass.negate();
        }
        Condition warn = null;
        String name = null;
        Severity own = severity;
        if (settings != null) {
            if (settings.has("fail")) {
                if (fail != null) {
                    throw error(
                            key + ".fail",
                            settingsPath + ".fail",
                            "'"
                                    + expression
                                    + "' already has a fail threshold; write it either in the"
                                    + " check or under fail:");
                }
                fail = when(key + ".fail", settingsPath + ".fail", settings.get("fail"), unit);
            }
            if (settings.has("warn")) {
                warn = when(key + ".warn", settingsPath + ".warn", settings.get("warn"), unit);
            }
            if (settings.has("name")) {
                name = string(key + ".name", settingsPath + ".name", settings.get("name"));
            }
            if (settings.has("severity")) {
                own =
                        severity(
                                key + ".severity",
                                settingsPath + ".severity",
                                settings.get("severity"));
            }
        }
        if (fail == null && warn == null) {
            throw error(
                    key,
                    "'"
                            + expression
                            + "' has no threshold: write e.g. '"
                            + expression
                            + (unit == Unit.MILLIS
                                    ? " < 1h"
                                    : unit == Unit.PERCENT ? " < 1%" : " > 0")
                            + "', or add fail: when … / warn: when …");
        }
        String written =
                describe(
                        expression,
                        settings != null && settings.has("warn") ? warn : null,
                        settings != null && settings.has("fail") ? fail : null);
        if (type == CheckType.FRESHNESS) {
            String id = "freshness" + (column == null ? "" : "(" + column + ")");
            return new FreshnessCheck(id, written, name, column, warn, fail, own, fileName);
        }
        Validity validity = null;
        if (type == CheckType.INVALID_PERCENT) {
            validity = validity(key, settingsPath, settings);
        }
        List<String> columns = new ArrayList<>();
        if (type == CheckType.COMPLETENESS) {
            if (column != null) {
                columns.add(column);
            }
            if (settings != null && settings.has("columns")) {
                columns.addAll(
                        names(
                                key + ".columns",
                                settingsPath + ".columns",
                                settings.get("columns")));
            }
        }
        MetricCheck check =
                new MetricCheck(
                        null,
                        written,
                        name,
                        type,
                        type == CheckType.COMPLETENESS ? null : column,
                        columns,
                        warn,
                        fail,
                        validity,
                        own,
                        fileName);
        String id =
                type == CheckType.COMPLETENESS && column != null
                        ? "completeness(" + column + ")"
                        : check.metric();
        return check.withId(id);
    }

    /**
     * The check as written; levels set under {@code warn:}/{@code fail:} are appended so the text
     * says what the check does: {@code row_count: warn when < 1000, fail when < 10}.
     */
    private static String describe(String expression, Condition warn, Condition fail) {
        List<String> levels = new ArrayList<>();
        if (warn != null) {
            levels.add("warn when " + warn);
        }
        if (fail != null) {
            levels.add("fail when " + fail);
        }
        return levels.isEmpty() ? expression : expression + ": " + String.join(", ", levels);
    }

    private Validity validity(String key, String path, JsonNode settings) {
        if (settings == null
                || !(settings.has("valid values")
                        || settings.has("valid regex")
                        || settings.has("valid min")
                        || settings.has("valid max"))) {
            throw error(
                    key, "invalid_percent needs valid values, valid regex, valid min or valid max");
        }
        List<String> values = null;
        if (settings.has("valid values")) {
            JsonNode list = settings.get("valid values");
            if (!list.isArray() || list.isEmpty()) {
                throw error(
                        key + ".valid values",
                        path + ".valid values",
                        "expected a list of values, e.g. [pending, shipped]");
            }
            values = new ArrayList<>();
            for (JsonNode value : list) {
                values.add(value.asText());
            }
        }
        Pattern regex = null;
        if (settings.has("valid regex")) {
            String pattern =
                    string(
                            key + ".valid regex",
                            path + ".valid regex",
                            settings.get("valid regex"));
            try {
                regex = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw error(
                        key + ".valid regex",
                        path + ".valid regex",
                        "'"
                                + pattern
                                + "' is not a valid regular expression: "
                                + e.getDescription());
            }
        }
        Double min = number(key + ".valid min", path + ".valid min", settings.get("valid min"));
        Double max = number(key + ".valid max", path + ".valid max", settings.get("valid max"));
        if (min != null && max != null && min > max) {
            throw error(
                    key + ".valid max",
                    path + ".valid max",
                    "valid max " + Unit.number(max) + " is below valid min " + Unit.number(min));
        }
        return new Validity(values, regex, min, max);
    }

    // ---- schema

    private SchemaCheck schemaCheck(
            String key, String path, String expression, JsonNode settings, Severity severity) {
        List<SchemaCheck.Rule> rules = new ArrayList<>();
        boolean warnOnUnlisted = false;
        String name = null;
        Severity own = severity;
        if (settings != null && !settings.isNull()) {
            allowKeys(key, path, settings, List.of("columns", "fail", "name", "severity", "warn"));
            if (settings.has("columns")) {
                rules.addAll(columns(key + ".columns", path + ".columns", settings.get("columns")));
                warnOnUnlisted = true;
            }
            for (String level : List.of("fail", "warn")) {
                if (settings.has(level)) {
                    Outcome outcome = level.equals("fail") ? Outcome.FAIL : Outcome.WARN;
                    rules.addAll(
                            schemaRules(
                                    key + "." + level,
                                    path + "." + level,
                                    settings.get(level),
                                    outcome));
                }
            }
            if (settings.has("name")) {
                name = string(key + ".name", path + ".name", settings.get("name"));
            }
            if (settings.has("severity")) {
                own = severity(key + ".severity", path + ".severity", settings.get("severity"));
            }
        }
        return new SchemaCheck("schema", expression, name, rules, warnOnUnlisted, own, fileName);
    }

    /** {@code columns: { id: bigint, note: }} or {@code columns: [id, note]}: required columns. */
    private List<SchemaCheck.Rule> columns(String key, String path, JsonNode columns) {
        List<SchemaCheck.Rule> rules = new ArrayList<>();
        if (columns.isArray()) {
            for (String column : names(key, path, columns)) {
                rules.add(
                        new SchemaCheck.Rule(SchemaCheck.Kind.MISSING, column, null, Outcome.FAIL));
            }
        } else if (columns.isObject() && !columns.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                JsonNode type = column.getValue();
                if (type.isNull() || type.asText().isBlank()) {
                    rules.add(
                            new SchemaCheck.Rule(
                                    SchemaCheck.Kind.MISSING, column.getKey(), null, Outcome.FAIL));
                } else {
                    String typeName =
                            string(key + "." + column.getKey(), path + "." + column.getKey(), type);
                    rules.add(
                            new SchemaCheck.Rule(
                                    SchemaCheck.Kind.WRONG_TYPE,
                                    column.getKey(),
                                    typeName,
                                    Outcome.FAIL));
                }
            }
        } else {
            throw error(
                    key, path, "expected columns and types, e.g. { id: bigint, amount: decimal }");
        }
        return rules;
    }

    private List<SchemaCheck.Rule> schemaRules(
            String key, String path, JsonNode node, Outcome level) {
        List<String> whens = List.of(SCHEMA_FORBIDDEN, SCHEMA_MISSING, SCHEMA_WRONG_TYPE);
        if (!node.isObject() || node.isEmpty()) {
            throw error(key, path, "expected a mapping with " + String.join(", ", whens));
        }
        allowKeys(key, path, node, whens);
        List<SchemaCheck.Rule> rules = new ArrayList<>();
        if (node.has(SCHEMA_MISSING)) {
            String k = key + "." + SCHEMA_MISSING;
            for (String column : names(k, path + "." + SCHEMA_MISSING, node.get(SCHEMA_MISSING))) {
                rules.add(new SchemaCheck.Rule(SchemaCheck.Kind.MISSING, column, null, level));
            }
        }
        if (node.has(SCHEMA_WRONG_TYPE)) {
            String k = key + "." + SCHEMA_WRONG_TYPE;
            String p = path + "." + SCHEMA_WRONG_TYPE;
            JsonNode types = node.get(SCHEMA_WRONG_TYPE);
            if (!types.isObject() || types.isEmpty()) {
                throw error(k, p, "expected columns and types, e.g. { id: bigint }");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                String type =
                        string(
                                k + "." + column.getKey(),
                                p + "." + column.getKey(),
                                column.getValue());
                rules.add(
                        new SchemaCheck.Rule(
                                SchemaCheck.Kind.WRONG_TYPE, column.getKey(), type, level));
            }
        }
        if (node.has(SCHEMA_FORBIDDEN)) {
            String k = key + "." + SCHEMA_FORBIDDEN;
            for (String column :
                    names(k, path + "." + SCHEMA_FORBIDDEN, node.get(SCHEMA_FORBIDDEN))) {
                rules.add(new SchemaCheck.Rule(SchemaCheck.Kind.FORBIDDEN, column, null, level));
            }
        }
        return rules;
    }

    // ---- thresholds, numbers and durations

    /** {@code when > 5%}: the condition under which a check warns or fails. */
    private Condition when(String key, String path, JsonNode node, Unit unit) {
        String value = node.isValueNode() ? node.asText().trim() : String.valueOf(node);
        if (!node.isTextual() || !value.startsWith("when ")) {
            throw error(
                    key,
                    path,
                    "expected 'when <condition>' such as 'when "
                            + (unit == Unit.MILLIS
                                    ? "> 1h"
                                    : unit == Unit.PERCENT ? "> 5%" : "< 10")
                            + "', got '"
                            + value
                            + "'");
        }
        Condition condition = condition(key, path, value.substring(5).trim(), unit);
        if (unit == Unit.MILLIS
                && condition.op() != Condition.Op.GT
                && condition.op() != Condition.Op.GE) {
            throw error(
                    key,
                    path,
                    "freshness warns or fails when the data is older than a duration: write"
                            + " 'when > 1h'");
        }
        return condition;
    }

    private Condition condition(String key, String path, String text, Unit unit) {
        Matcher between = BETWEEN.matcher(text);
        if (between.matches()) {
            double low = value(key, path, between.group(2), unit);
            double high = value(key, path, between.group(3), unit);
            if (low > high) {
                throw error(
                        key,
                        path,
                        "'between "
                                + between.group(2)
                                + " and "
                                + between.group(3)
                                + "': the lower bound comes first");
            }
            Condition.Op op =
                    between.group(1) == null ? Condition.Op.BETWEEN : Condition.Op.NOT_BETWEEN;
            return new Condition(op, low, high, unit);
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            Condition.Op op =
                    switch (comparison.group(1)) {
                        case ">" -> Condition.Op.GT;
                        case ">=" -> Condition.Op.GE;
                        case "<" -> Condition.Op.LT;
                        case "<=" -> Condition.Op.LE;
                        case "=" -> Condition.Op.EQ;
                        default -> Condition.Op.NE;
                    };
            return Condition.of(op, value(key, path, comparison.group(2), unit), unit);
        }
        throw error(
                key,
                path,
                "cannot read the threshold '"
                        + text
                        + "' (expected e.g. '> 0', '< 1%', 'between 10 and 20',"
                        + " 'not between 1 and 5')");
    }

    private double value(String key, String path, String text, Unit unit) {
        String value = text.trim();
        return switch (unit) {
            case MILLIS -> duration(key, path, value);
            case PERCENT -> {
                String digits =
                        value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
                if (!NUMBER.matcher(digits.trim()).matches()) {
                    throw error(key, path, "expected a percent such as 1%, got '" + value + "'");
                }
                double percent = Double.parseDouble(digits.trim());
                if (percent < 0 || percent > 100) {
                    throw error(key, path, "a percent is between 0% and 100%, got '" + value + "'");
                }
                yield percent;
            }
            case COUNT -> {
                if (value.endsWith("%")) {
                    throw error(
                            key,
                            path,
                            "a count takes a number, not a percent, got '"
                                    + value
                                    + "' (use missing_percent for percents)");
                }
                if (!NUMBER.matcher(value).matches()) {
                    throw error(key, path, "expected a number, got '" + value + "'");
                }
                yield Double.parseDouble(value);
            }
        };
    }

    /** {@code 1h}, {@code 30 minutes}, {@code 1d2h}, {@code 1.5 hours}. */
    private long duration(String key, String path, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(value).matches()) {
            throw error(key, path, "a duration needs a unit (s, m, h or d), got '" + text + "'");
        }
        Matcher part = DURATION_PART.matcher(value);
        double millis = 0;
        int end = 0;
        while (end < value.length() && part.find(end) && part.start() == end) {
            Long unit = DURATION_UNITS.get(part.group(2));
            if (unit == null) {
                throw error(
                        key,
                        path,
                        "unknown unit '" + part.group(2) + "' in '" + text + "'; use s, m, h or d");
            }
            millis += Double.parseDouble(part.group(1)) * unit;
            end = part.end();
        }
        if (end == 0 || end < value.length()) {
            throw error(
                    key, path, "expected a duration such as 1h, 30m or 1d2h, got '" + text + "'");
        }
        return Math.round(millis);
    }

    private static Map<String, Long> durationUnits() {
        Map<String, Long> units = new HashMap<>();
        for (String s : List.of("s", "sec", "secs", "second", "seconds")) {
            units.put(s, 1_000L);
        }
        for (String m : List.of("m", "min", "mins", "minute", "minutes")) {
            units.put(m, 60_000L);
        }
        for (String h : List.of("h", "hr", "hrs", "hour", "hours")) {
            units.put(h, 3_600_000L);
        }
        for (String d : List.of("d", "day", "days")) {
            units.put(d, 86_400_000L);
        }
        return Map.copyOf(units);
    }

    // ---- small readers

    private Severity severity(String key, String path, JsonNode node) {
        String value = node.asText("").trim();
        for (Severity severity : Severity.values()) {
            if (severity.name().equalsIgnoreCase(value)) {
                return severity;
            }
        }
        throw error(key, path, "expected one of low, medium, high, critical, got '" + value + "'");
    }

    private String string(String key, String path, JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw error(key, path, "expected a text value");
        }
        return node.asText().trim();
    }

    private Double number(String key, String path, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw error(key, path, "expected a number, got \"" + node.asText() + "\"");
        }
        return node.asDouble();
    }

    private List<String> names(String key, String path, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw error(key, path, "expected a list of column names, e.g. [id, amount]");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            names.add(string(key + "[" + i + "]", path + "[" + i + "]", node.get(i)));
        }
        return names;
    }

    private void allowKeys(String key, String path, JsonNode node, List<String> allowed) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String field = keys.next();
            if (!allowed.contains(field)) {
                throw error(
                        key + "." + field,
                        path + "." + field,
                        "unknown key '"
                                + field
                                + "'; expected one of: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** The second check of a metric in one contract becomes {@code id#2}, the third {@code #3}. */
    private static List<Check> distinctIds(List<Check> checks) {
        Map<String, Integer> seen = new HashMap<>();
        List<Check> distinct = new ArrayList<>();
        for (Check check : checks) {
            int n = seen.merge(check.id(), 1, Integer::sum);
            distinct.add(n == 1 ? check : check.withId(check.id() + "#" + n));
        }
        return distinct;
    }

    private ConfigException error(String key, String problem) {
        return error(key, key, problem);
    }

    /**
     * @param key the key path people read, e.g. {@code checks[3].warn}
     * @param path the key path in the document, e.g. {@code checks[3].row_count.warn}, for the line
     */
    private ConfigException error(String key, String path, String problem) {
        if (lines == null) {
            lines = YamlFiles.keyLines(text);
        }
        return new ConfigException(file, lines.getOrDefault(path, 0), key, problem);
    }

    /**
     * The line where {@code key} is written the second time; Jackson reports a duplicate only at
     * the end of its value.
     */
    private int secondLineOf(String key) {
        Pattern written = Pattern.compile("^\\s*(- )?['\"]?" + Pattern.quote(key) + "['\"]?\\s*:");
        List<String> all = text.lines().toList();
        int seen = 0;
        for (int i = 0; i < all.size(); i++) {
            if (written.matcher(all.get(i)).find() && ++seen == 2) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
