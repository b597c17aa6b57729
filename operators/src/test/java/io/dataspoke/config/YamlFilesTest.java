package io.dataspoke.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlFilesTest {

    private static final Path FILE = Path.of("conf/sample.yaml");

    record Endpoint(@JsonProperty(required = true) String host, Integer port) {}

    record Sample(@JsonProperty(required = true) String name, List<Endpoint> endpoints, Mode mode)
            implements Validated {
        @Override
        public void validate() {
            for (int i = 0; i < endpoints.size(); i++) {
                if (endpoints.get(i).port() != null && endpoints.get(i).port() > 65535) {
                    throw new ConfigProblem("endpoints[" + i + "].port", "must be at most 65535");
                }
            }
        }
    }

    enum Mode {
        fast,
        safe
    }

    @Test
    void readsAValidFile() {
        Sample sample =
                YamlFiles.parse(
                        FILE,
                        """
                        name: demo
                        endpoints:
                          - host: a
                            port: 1
                        mode: safe
                        """,
                        Sample.class);
        assertThat(sample.name()).isEqualTo("demo");
        assertThat(sample.endpoints()).containsExactly(new Endpoint("a", 1));
        assertThat(sample.mode()).isEqualTo(Mode.safe);
    }

    @Test
    void unknownKeyNamesLineKeyAndTheKeysAllowed() {
        assertThatThrownBy(
                        () ->
                                YamlFiles.parse(
                                        FILE,
                                        """
                                        name: demo
                                        endpoints:
                                          - host: a
                                            prot: 1
                                        """,
                                        Sample.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "conf/sample.yaml:4: endpoints[0].prot: unknown key 'prot'; expected one"
                                + " of: host, port")
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(4));
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        assertThatThrownBy(
                        () ->
                                YamlFiles.parse(
                                        FILE,
                                        """
                                        name: demo
                                        endpoints:
                                          - host: a
                                            port: eighty
                                        """,
                                        Sample.class))
                .hasMessage(
                        "conf/sample.yaml:4: endpoints[0].port: expected a whole number, got"
                                + " 'eighty'");
    }

    @Test
    void badEnumListsTheChoices() {
        assertThatThrownBy(() -> YamlFiles.parse(FILE, "name: x\nmode: slow\n", Sample.class))
                .hasMessage("conf/sample.yaml:2: mode: expected one of fast, safe, got 'slow'");
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertThatThrownBy(
                        () ->
                                YamlFiles.parse(
                                        FILE, "name: x\nendpoints:\n  - port: 5\n", Sample.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoints[0].host: required key is missing");
    }

    @Test
    void semanticProblemGetsTheLineOfItsKey() {
        assertThatThrownBy(
                        () ->
                                YamlFiles.parse(
                                        FILE,
                                        """
                                        name: demo
                                        endpoints:
                                          - host: a
                                            port: 1
                                          - host: b
                                            port: 70000
                                        """,
                                        Sample.class))
                .hasMessage("conf/sample.yaml:6: endpoints[1].port: must be at most 65535");
    }

    @Test
    void brokenYamlSyntaxNamesTheLine() {
        assertThatThrownBy(
                        () ->
                                YamlFiles.parse(
                                        FILE,
                                        "name: demo\nendpoints:\n  - host: a\n   port: 1\n",
                                        Sample.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("conf/sample.yaml:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void missingFileIsSaidPlainly() {
        assertThatThrownBy(() -> YamlFiles.read(Path.of("/nonexistent/x.yaml"), Sample.class))
                .hasMessage("/nonexistent/x.yaml: file not found");
    }

    @Test
    void aMissingKeyIsReportedAtTheFirstLineOfItsNearestParent() {
        var lines =
                YamlFiles.keyLines(
                        """
                        name: demo
                        endpoints:
                          - host: a
                          - port: 2
                            host: b
                        """);
        assertThat(YamlFiles.lineOf(lines, "endpoints[1].host")).isEqualTo(5);
        assertThat(YamlFiles.lineOf(lines, "endpoints[1].weight")).isEqualTo(4);
        assertThat(YamlFiles.lineOf(lines, "endpoints[7].host")).isEqualTo(2);
        assertThat(YamlFiles.lineOf(lines, "mode")).isZero();
    }

    @Test
    void keyLinesNameListItemsAlsoWhenTheyAreMappings() {
        var lines =
                YamlFiles.keyLines(
                        """
                        checks:
                          - row_count > 0
                          - row_count:
                              warn: when < 10
                        """);
        assertThat(lines)
                .containsEntry("checks", 1)
                .containsEntry("checks[0]", 2)
                .containsEntry("checks[1]", 3)
                .containsEntry("checks[1].row_count.warn", 4)
                .doesNotContainKey("");
    }
}
