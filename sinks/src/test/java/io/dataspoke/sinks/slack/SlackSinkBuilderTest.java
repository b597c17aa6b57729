package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class SlackSinkBuilderTest {

    private static final String URL = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

    @Test
    void buildsWithDefaults() {
        SlackSink sink = SlackSink.builder().setWebhookUrl(URL).build();

        SlackWebhookOptions options = sink.options();
        assertThat(options.webhookHost()).isEqualTo("hooks.slack.com");
        assertThat(options.maxAttempts()).isEqualTo(SlackSinkBuilder.DEFAULT_MAX_ATTEMPTS);
        assertThat(options.requestTimeout()).isEqualTo(SlackSinkBuilder.DEFAULT_REQUEST_TIMEOUT);
        // 6 × 10 s of requests + 5 × 2 min of Retry-After.
        assertThat(options.worstCaseDelivery()).isEqualTo(Duration.ofSeconds(60 + 600));
    }

    @Test
    void settersRejectNulls() {
        SlackSinkBuilder builder = SlackSink.builder();

        assertThatThrownBy(() -> builder.setWebhookUrl(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.setRequestTimeout(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.setInitialBackoff(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.setMaxBackoff(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.setMaxRetryAfter(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildValidates() {
        assertThatThrownBy(() -> SlackSink.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SlackWebhookUrl.fromEnvironment");
        assertThatThrownBy(() -> SlackSink.builder().setWebhookUrl(URL).setMaxAttempts(0).build())
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(
                        () ->
                                SlackSink.builder()
                                        .setWebhookUrl(URL)
                                        .setRequestTimeout(Duration.ZERO)
                                        .build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(
                        () ->
                                SlackSink.builder()
                                        .setWebhookUrl(URL)
                                        .setInitialBackoff(Duration.ofSeconds(5))
                                        .setMaxBackoff(Duration.ofSeconds(1))
                                        .build())
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(
                        () ->
                                SlackSink.builder()
                                        .setWebhookUrl(URL)
                                        .setMaxBufferedRequests(1)
                                        .build())
                .hasMessageContaining("maxBufferedRequests");
    }

    @Test
    void aBadUrlIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(
                        () -> SlackSink.builder().setWebhookUrl("ftp://h/services/secret").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SlackSink.builder().setWebhookUrl("https://h/x y/secret").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret")
                .hasNoCause();
    }

    @Test
    void noStringFormShowsTheUrl() throws Exception {
        SlackSinkBuilder builder = SlackSink.builder().setWebhookUrl(URL);
        SlackSink sink = builder.build();
        SlackSink shipped =
                InstantiationUtil.clone(sink, SlackSinkBuilderTest.class.getClassLoader());

        assertThat(
                        java.util.List.of(
                                builder.toString(),
                                sink.toString(),
                                sink.options().toString(),
                                shipped.toString()))
                .allSatisfy(
                        s ->
                                assertThat(s)
                                        .contains("hooks.slack.com")
                                        .doesNotContain("secret")
                                        .doesNotContain("/services/"));
        assertThat(shipped.options().webhookUrl()).hasToString(URL);
    }

    @Test
    void readsTheUrlFromTheNamedVariable() {
        Map<String, String> env =
                Map.of(SlackWebhookUrl.DEFAULT_ENV_VARIABLE, " " + URL + "\n", "OTHER_HOOK", URL);

        assertThat(SlackWebhookUrl.fromEnvironment(env, SlackWebhookUrl.DEFAULT_ENV_VARIABLE))
                .isEqualTo(URL);
        assertThat(SlackWebhookUrl.fromEnvironment(env, "OTHER_HOOK")).isEqualTo(URL);
    }

    @Test
    void environmentErrorsNameTheVariableNotTheValue() {
        assertThatThrownBy(() -> SlackWebhookUrl.fromEnvironment(Map.of(), "TEAM_HOOK"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEAM_HOOK")
                .hasMessageContaining("not set");
        assertThatThrownBy(
                        () ->
                                SlackWebhookUrl.fromEnvironment(
                                        Map.of("TEAM_HOOK", "hooks.slack.com/services/secret"),
                                        "TEAM_HOOK"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TEAM_HOOK")
                .hasMessageNotContaining("secret");
    }
}
