package io.dataspoke.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents exactly the keys the config loader accepts: every key of {@link
 * DataSpokeConfig}'s records (walked by reflection, as Jackson reads them) has a row, and every row
 * names a key the loader knows. A key added without its row, or a row left behind by a removed key,
 * fails here.
 */
class ConfigurationReferenceTest {

    private static final Path DOC =
            Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
                    .resolve("docs/configuration.md");
    private static final Pattern ROW =
            Pattern.compile("^\\| `([A-Za-z.\\[\\]]+)`", Pattern.MULTILINE);

    @Test
    void theReferenceDocumentsEveryKeyAndOnlyThose() throws Exception {
        Path doc = Files.exists(DOC) ? DOC : Path.of("../docs/configuration.md");
        TreeSet<String> documented = new TreeSet<>();
        Matcher m = ROW.matcher(Files.readString(doc));
        while (m.find()) {
            documented.add(m.group(1));
        }
        TreeSet<String> accepted = new TreeSet<>();
        keys(DataSpokeConfig.class, "", accepted);

        assertThat(documented).as("keys documented in " + doc).isEqualTo(accepted);
    }

    @Test
    void theWalkFindsNestedListedAndMappedKeys() {
        TreeSet<String> accepted = new TreeSet<>();
        keys(DataSpokeConfig.class, "", accepted);

        assertThat(accepted)
                .contains(
                        "kafka.topics.versioned",
                        "alerts.routes[].webhookEnv",
                        "health.teams",
                        "knowledge.qdrant.apiKeyEnv")
                .doesNotContain("kafka.topics", "alerts.routes", "knowledge.qdrant");
    }

    /** The YAML keys of {@code type}'s components, below {@code prefix}. */
    private static void keys(Class<?> type, String prefix, TreeSet<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
            if (renamed == null) {
                renamed = fieldAnnotation(type, c.getName());
            }
            String name =
                    renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            String key = prefix + name;
            Class<?> raw = c.getType();
            if (raw.isRecord()) {
                keys(raw, key + ".", out);
            } else if (List.class.isAssignableFrom(raw) && element(c.getGenericType()).isRecord()) {
                keys(element(c.getGenericType()), key + "[].", out);
            } else {
                // Scalars, enums, string lists and maps (team → owners, Kafka properties) are one
                // key each.
                out.add(key);
            }
        }
    }

    private static JsonProperty fieldAnnotation(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name).getAnnotation(JsonProperty.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Class<?> element(Type listType) {
        if (listType instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
