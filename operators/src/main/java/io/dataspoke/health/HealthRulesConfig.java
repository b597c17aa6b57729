package io.dataspoke.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataspoke.config.ConfigProblem;
import io.dataspoke.config.Validated;
import io.dataspoke.config.YamlFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The documentation auditor's rules as a YAML file sets them (docs/health.md documents every key).
 * Every key is optional: what a file leaves out keeps its default, so an empty {@code rules: {}} is
 * the default rule set. A mistake stops start-up naming the file, line and key.
 */
public record HealthRulesConfig(Rules rules) implements Validated, Serializable {

    public HealthRulesConfig {
        rules = rules == null ? Rules.defaults() : rules;
    }

    /** The built-in rules. */
    public static HealthRulesConfig defaults() {
        return new HealthRulesConfig(null);
    }

    /** Reads and validates a rule file. */
    public static HealthRulesConfig read(Path file) {
        return YamlFiles.read(file, HealthRulesConfig.class);
    }

    @Override
    public void validate() {
        rules.validate();
    }

    /** One block per rule; a rule left out keeps its defaults. */
    public record Rules(
            Description description,
            Ownership ownership,
            Simple classification,
            Simple domain,
            @JsonProperty("column-docs") ColumnDocs columnDocs,
            Pii pii,
            Naming naming,
            Simple deprecation,
            Lineage lineage)
            implements Serializable {

        public Rules {
            description = description == null ? Description.DEFAULT : description;
            ownership = ownership == null ? Ownership.DEFAULT : ownership;
            classification = Simple.orDefault(classification, 10);
            domain = Simple.orDefault(domain, 10);
            columnDocs = columnDocs == null ? ColumnDocs.DEFAULT : columnDocs;
            pii = pii == null ? Pii.DEFAULT : pii;
            naming = naming == null ? Naming.DEFAULT : naming;
            deprecation = Simple.orDefault(deprecation, 5);
            lineage = lineage == null ? Lineage.DEFAULT : lineage;
        }

        static Rules defaults() {
            return new Rules(null, null, null, null, null, null, null, null, null);
        }

        void validate() {
            weight("rules.description", description.weight());
            weight("rules.ownership", ownership.weight());
            weight("rules.classification", classification.weight());
            weight("rules.domain", domain.weight());
            weight("rules.column-docs", columnDocs.weight());
            weight("rules.pii", pii.weight());
            weight("rules.naming", naming.weight());
            weight("rules.deprecation", deprecation.weight());
            weight("rules.lineage", lineage.weight());
            if (description.minLength() < 0) {
                throw new ConfigProblem("rules.description.minLength", "must be 0 or more");
            }
            if (!(columnDocs.minCoverage() >= 0 && columnDocs.minCoverage() <= 1)) {
                throw new ConfigProblem(
                        "rules.column-docs.minCoverage",
                        "must be a share between 0 and 1 (0.8 = 80%), got "
                                + columnDocs.minCoverage());
            }
            for (String type : ownership.requiredTypes()) {
                if (type.isBlank()) {
                    throw new ConfigProblem(
                            "rules.ownership.requiredTypes", "owner types cannot be blank");
                }
            }
            patterns("rules.pii.columnPatterns", pii.columnPatterns());
            patterns("rules.pii.typePatterns", pii.typePatterns());
            if (pii.tags().isEmpty() && pii.termPrefixes().isEmpty()) {
                throw new ConfigProblem(
                        "rules.pii.tags",
                        "name at least one PII tag or glossary term prefix, or disable the rule");
            }
            pattern("rules.naming.default", naming.defaultPattern());
            naming.platforms().forEach((platform, p) -> pattern("rules.naming.platforms", p));
        }

        private static void weight(String key, int weight) {
            if (weight < 0 || weight > 100) {
                throw new ConfigProblem(
                        key + ".weight", "must be between 0 and 100, got " + weight);
            }
        }

        private static void patterns(String key, List<String> patterns) {
            patterns.forEach(p -> pattern(key, p));
        }

        private static void pattern(String key, String regex) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigProblem(
                        key,
                        "'" + regex + "' is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    /** A rule with no settings of its own. */
    public record Simple(Boolean enabled, Integer weight) implements Serializable {
        public Simple {
            enabled = enabled == null || enabled;
        }

        static Simple orDefault(Simple given, int defaultWeight) {
            return given == null
                    ? new Simple(true, defaultWeight)
                    : new Simple(
                            given.enabled(),
                            given.weight() == null ? defaultWeight : given.weight());
        }
    }

    /** The dataset description: present, not a placeholder, not the name, long enough. */
    public record Description(
            Boolean enabled,
            Integer weight,
            Integer minLength,
            List<String> placeholders,
            List<String> placeholderPrefixes)
            implements Serializable {

        static final Description DEFAULT = new Description(null, null, null, null, null);

        public Description {
            enabled = enabled == null || enabled;
            weight = weight == null ? 25 : weight;
            minLength = minLength == null ? 20 : minLength;
            placeholders =
                    placeholders == null
                            ? List.of("description", "n/a", "na", "none", "null", "-", ".", "?")
                            : List.copyOf(placeholders);
            placeholderPrefixes =
                    placeholderPrefixes == null
                            ? List.of("todo", "tbd", "fixme", "to be documented")
                            : List.copyOf(placeholderPrefixes);
        }
    }

    /** Owners: at least one, and the owner types the organisation requires. */
    public record Ownership(Boolean enabled, Integer weight, List<String> requiredTypes)
            implements Serializable {

        static final Ownership DEFAULT = new Ownership(null, null, null);

        public Ownership {
            enabled = enabled == null || enabled;
            weight = weight == null ? 15 : weight;
            requiredTypes = requiredTypes == null ? List.of() : List.copyOf(requiredTypes);
        }
    }

    /**
     * Share of columns with a description. A column tagged with one of {@code
     * needsDocumentationTags} counts as undocumented whatever its description says: someone already
     * marked it as not good enough.
     */
    public record ColumnDocs(
            Boolean enabled,
            Integer weight,
            Double minCoverage,
            List<String> needsDocumentationTags)
            implements Serializable {

        static final ColumnDocs DEFAULT = new ColumnDocs(null, null, null, null);

        public ColumnDocs {
            enabled = enabled == null || enabled;
            weight = weight == null ? 15 : weight;
            minCoverage = minCoverage == null ? 0.8 : minCoverage;
            needsDocumentationTags =
                    needsDocumentationTags == null
                            ? List.of("urn:li:tag:NeedsDocumentation")
                            : List.copyOf(needsDocumentationTags);
        }
    }

    /**
     * Personal data: columns whose name or native type looks personal must carry one of the PII
     * tags or a glossary term starting with one of the prefixes.
     */
    public record Pii(
            Boolean enabled,
            Integer weight,
            List<String> columnPatterns,
            List<String> typePatterns,
            List<String> tags,
            List<String> termPrefixes)
            implements Serializable {

        /**
         * Matched against the lower-cased column name; the personal word must end the name (with a
         * qualifier such as {@code _address} or {@code _number}): {@code customer_email} and {@code
         * email_address} match, {@code email_send_id} and {@code shipment_id} do not.
         */
        static final List<String> DEFAULT_COLUMN_PATTERNS =
                List.of(
                        "(^|_)e_?mail(_address|_addr)?$",
                        "(^|_)(phone|mobile|telephone|tel)(_no|_number|_num)?$",
                        "(^|_)(ssn|social_security_number)$",
                        "(^|_)(birth_?date|birth_?day|date_of_birth|dob)$",
                        "(^|_)address(_line_?[0-9]*)?$",
                        "(^|_)ip(_address|_addr)?$",
                        "(^|_)card_?(no|number|num)$|(^|_)(pan|iban)$",
                        "(^|_)(full|first|last|middle|given|family|recipient|customer|member"
                                + "|contact|user|person)_?name$",
                        "주민(등록)?번호|전화번호|휴대폰|핸드폰|이메일|주소|생년월일|회원명|성명|이름");

        static final Pii DEFAULT = new Pii(null, null, null, null, null, null);

        public Pii {
            enabled = enabled == null || enabled;
            weight = weight == null ? 10 : weight;
            columnPatterns =
                    columnPatterns == null ? DEFAULT_COLUMN_PATTERNS : List.copyOf(columnPatterns);
            typePatterns = typePatterns == null ? List.of("^inet$") : List.copyOf(typePatterns);
            tags = tags == null ? List.of("urn:li:tag:PII") : List.copyOf(tags);
            termPrefixes =
                    termPrefixes == null
                            ? List.of("urn:li:glossaryTerm:PersonalInformation")
                            : List.copyOf(termPrefixes);
        }
    }

    /** Table names: a pattern per platform and scratch words that do not belong in production. */
    public record Naming(
            Boolean enabled,
            Integer weight,
            @JsonProperty("default") String defaultPattern,
            Map<String, String> platforms,
            List<String> forbiddenWords)
            implements Serializable {

        static final Naming DEFAULT = new Naming(null, null, null, null, null);

        public Naming {
            enabled = enabled == null || enabled;
            weight = weight == null ? 5 : weight;
            defaultPattern = defaultPattern == null ? "^[a-z][a-z0-9_]*$" : defaultPattern;
            platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
            forbiddenWords =
                    forbiddenWords == null
                            ? List.of(
                                    "tmp", "temp", "test", "copy", "bak", "backup", "old", "final")
                            : List.copyOf(forbiddenWords);
        }
    }

    /**
     * Lineage for datasets that are not sources. A dataset is a source when its platform is one of
     * {@code sourcePlatforms}, or its {@code sourceProperty} custom property has one of the {@code
     * sourceValues}.
     */
    public record Lineage(
            Boolean enabled,
            Integer weight,
            List<String> sourcePlatforms,
            String sourceProperty,
            List<String> sourceValues)
            implements Serializable {

        static final Lineage DEFAULT = new Lineage(null, null, null, null, null);

        public Lineage {
            enabled = enabled == null || enabled;
            weight = weight == null ? 5 : weight;
            sourcePlatforms = sourcePlatforms == null ? List.of() : List.copyOf(sourcePlatforms);
            sourceProperty = sourceProperty == null ? "layer" : sourceProperty;
            sourceValues =
                    sourceValues == null ? List.of("source", "raw") : List.copyOf(sourceValues);
        }
    }
}
