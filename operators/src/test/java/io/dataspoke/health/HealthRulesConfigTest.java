package io.dataspoke.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.config.ConfigException;
import io.dataspoke.config.YamlFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HealthRulesConfigTest {

    private static final Path FILE = Path.of("health-rules.yaml");

    private static HealthRulesConfig parse(String yaml) {
        return YamlFiles.parse(FILE, yaml, HealthRulesConfig.class);
    }

    @Test
    void whatAFileLeavesOutKeepsItsDefault() {
        HealthRulesConfig config =
                parse(
                        """
                        rules:
                          ownership:
                            requiredTypes: [TECHNICAL_OWNER, BUSINESS_OWNER]
                          column-docs:
                            minCoverage: 0.5
                        """);
        assertThat(config.rules().ownership().requiredTypes())
                .containsExactly("TECHNICAL_OWNER", "BUSINESS_OWNER");
        assertThat(config.rules().ownership().weight()).isEqualTo(15);
        assertThat(config.rules().columnDocs().minCoverage()).isEqualTo(0.5);
        assertThat(config.rules().description())
                .isEqualTo(HealthRulesConfig.defaults().rules().description());
    }

    @Test
    void defaultWeightsAddUpToAHundred() {
        var r = HealthRulesConfig.defaults().rules();
        assertThat(
                        r.description().weight()
                                + r.ownership().weight()
                                + r.classification().weight()
                                + r.domain().weight()
                                + r.columnDocs().weight()
                                + r.pii().weight()
                                + r.naming().weight()
                                + r.deprecation().weight()
                                + r.lineage().weight())
                .isEqualTo(100);
    }

    @Test
    void aBadRegexNamesFileLineAndKey() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        """
                                        rules:
                                          naming:
                                            default: '^[a-z'
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health-rules.yaml:3")
                .hasMessageContaining("rules.naming.default")
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void aCoverageGivenAsAPercentageIsRejected() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        """
                                        rules:
                                          column-docs:
                                            minCoverage: 80
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health-rules.yaml:3")
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void anUnknownRuleIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(
                        () ->
                                parse(
                                        """
                                        rules:
                                          descripton:
                                            weight: 10
                                        """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("health-rules.yaml:2")
                .hasMessageContaining("unknown key 'descripton'")
                .hasMessageContaining("description");
    }

    @Test
    void aWeightOutOfRangeIsRejected() {
        assertThatThrownBy(() -> parse("rules:\n  pii:\n    weight: 150\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.pii.weight")
                .hasMessageContaining("between 0 and 100");
    }
}
