package io.dataspoke.quality.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.config.ConfigException;
import io.dataspoke.config.YamlFiles;
import io.dataspoke.quality.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

    private static final Path FILE = Path.of("config/alerts.yaml");

    private static AlertsConfig parse(String yaml) {
        return YamlFiles.parse(FILE, yaml, AlertsConfig.Document.class).alerts();
    }

    private static ConfigException failure(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void readsTheRoutesOfTheDocumentedExample() {
        AlertsConfig config =
                parse(
                        """
                        alerts:
                          groupingWindow: 2m
                          routes:
                            - name: payments-oncall
                              team: payments
                              minSeverity: high
                              webhookEnv: SLACK_WEBHOOK_PAYMENTS
                            - name: everything
                              webhookEnv: SLACK_WEBHOOK_DATA_QUALITY
                          defaultRoute: everything
                        """);
        assertThat(config.groupingWindowDuration()).isEqualTo(Duration.ofMinutes(2));
        AlertRouting routing = config.routing();
        assertThat(routing.routes())
                .containsExactly(
                        new AlertRoute(
                                "payments-oncall",
                                "payments",
                                null,
                                Severity.HIGH,
                                "SLACK_WEBHOOK_PAYMENTS"),
                        new AlertRoute(
                                "everything", null, null, null, "SLACK_WEBHOOK_DATA_QUALITY"));
        assertThat(routing.defaultRoute()).isEqualTo("everything");
    }

    @Test
    void theGroupingWindowDefaultsToFiveMinutes() {
        AlertsConfig config = parse("alerts: {}\n");
        assertThat(config.groupingWindowDuration()).isEqualTo(GroupingWindow.DEFAULT);
        assertThat(config.routing().routes()).isEmpty();
    }

    @Test
    void anUnknownSeverityNamesFileLineAndKey() {
        ConfigException e =
                failure(
                        """
                        alerts:
                          routes:
                            - name: payments-oncall
                              minSeverity: urgent
                              webhookEnv: SLACK_WEBHOOK_PAYMENTS
                        """);
        assertThat(e.getMessage())
                .isEqualTo(
                        "config/alerts.yaml:4: alerts.routes[0].minSeverity: unknown severity"
                                + " 'urgent'; expected one of [low, medium, high, critical]");
    }

    @Test
    void aMissingWebhookEnvNamesTheRouteLine() {
        ConfigException e =
                failure(
                        """
                        alerts:
                          routes:
                            - name: everything
                              webhookEnv: SLACK_WEBHOOK_DATA_QUALITY
                            - name: payments-oncall
                              team: payments
                        """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.key()).isEqualTo("alerts.routes[1].webhookEnv");
        assertThat(e.getMessage()).contains("required: the environment variable");
    }

    @Test
    void aWebhookUrlInPlaceOfTheVariableIsRefusedWithoutEchoingIt() {
        ConfigException e =
                failure(
                        """
                        alerts:
                          routes:
                            - name: everything
                              webhookEnv: https://hooks.slack.com/services/T000/B000/XXXXSECRET
                        """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.key()).isEqualTo("alerts.routes[0].webhookEnv");
        assertThat(e.getMessage()).contains("is a secret").doesNotContain("XXXXSECRET");
    }

    @Test
    void aWebhookUrlAnywhereInTheFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alerts.yaml");
        Files.writeString(
                file,
                """
                alerts:
                  routes:
                    - name: everything
                      # https://hooks.slack.com/services/T000/B000/XXXXSECRET
                      webhookEnv: SLACK_WEBHOOK_DATA_QUALITY
                """);
        assertThatThrownBy(() -> AlertsConfig.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: a Slack webhook URL is a secret")
                .message()
                .doesNotContain("XXXXSECRET");

        Files.writeString(
                file,
                """
                alerts:
                  groupingWindow: 90s
                  routes:
                    - name: everything
                      webhookEnv: SLACK_WEBHOOK_DATA_QUALITY
                """);
        assertThat(AlertsConfig.read(file).groupingWindowDuration())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void otherMistakesNameTheirKeys() {
        assertThat(failure("alerts:\n  groupingWindow: soon\n").getMessage())
                .isEqualTo(
                        "config/alerts.yaml:2: alerts.groupingWindow: expected a duration such as"
                                + " 5m or 90s, got 'soon'");
        assertThat(failure("alerts:\n  groupingWindow: 2h\n").key())
                .isEqualTo("alerts.groupingWindow");
        assertThat(
                        failure(
                                        """
                                        alerts:
                                          routes:
                                            - name: a
                                              webhookEnv: slack-webhook
                                        """)
                                .getMessage())
                .contains(":4: alerts.routes[0].webhookEnv: expected an environment variable name");
        assertThat(
                        failure(
                                        """
                                        alerts:
                                          routes:
                                            - name: a
                                              webhookEnv: A
                                            - name: a
                                              webhookEnv: B
                                        """)
                                .getMessage())
                .contains(":5: alerts.routes[1].name: another route is already named 'a'");
        assertThat(
                        failure(
                                        """
                                        alerts:
                                          routes:
                                            - name: a
                                              webhookEnv: A
                                          defaultRoute: b
                                        """)
                                .getMessage())
                .contains(":5: alerts.defaultRoute: 'b' is not one of the routes [a]");
        assertThat(
                        failure(
                                        """
                                        alerts:
                                          routes:
                                            - name: a
                                              channel: "#dq"
                                              webhookEnv: A
                                        """)
                                .getMessage())
                .contains(":4: alerts.routes[0].channel: unknown key 'channel'; expected one of:")
                .contains("webhookEnv");
    }
}
