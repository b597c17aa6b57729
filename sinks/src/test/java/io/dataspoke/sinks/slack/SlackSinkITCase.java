package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.sinks.slack.FakeSlackWebhook.Answer;
import io.dataspoke.sinks.slack.FakeSlackWebhook.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the {@link SlackSink} in real Flink jobs on a MiniCluster, over real HTTP. Slack is
 * simulated by an in-process server ({@link FakeSlackWebhook}) speaking the incoming-webhook HTTP
 * protocol: it records every request body and answers as each test scripts it ({@code 200 ok},
 * {@code 429} with {@code Retry-After}, {@code 503}, {@code 400 invalid_payload}, {@code 404
 * no_service}, or no answer at all).
 */
class SlackSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSlackWebhook slack;

    @BeforeEach
    void startSlack() throws Exception {
        slack = new FakeSlackWebhook();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void postsEachMessageAsBlockKitJsonInOrder() throws Exception {
        SlackMessage digest =
                SlackMessage.of(
                        "owner-digest/alice/2024-05-06",
                        "Documentation health for alice <@U123>: 2 of 3 datasets described",
                        BlockKit.blocks(
                                BlockKit.header("Documentation health: alice"),
                                BlockKit.section(
                                        BlockKit.mrkdwn(
                                                "*%s* owns %d datasets; %d lack a description",
                                                "alice <!channel>", 3, 1)),
                                BlockKit.divider(),
                                BlockKit.context(
                                        BlockKit.mrkdwn("Worst: `%s`", "sales.orders & refunds"))));
        SlackMessage alert =
                SlackMessage.ofText("quality-alert/orders/1", "Row count of orders fell");
        SlackMessage third = SlackMessage.ofText("quality-alert/orders/2", "Row count recovered");

        run(sink(), digest, alert, third);

        List<Request> requests = slack.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests)
                .allSatisfy(
                        r -> {
                            assertThat(r.method()).isEqualTo("POST");
                            assertThat(r.path()).endsWith(slack.token());
                            assertThat(r.contentType()).startsWith("application/json");
                        });
        JsonNode first = JSON.readTree(requests.get(0).body());
        assertThat(first.get("text").asText())
                .isEqualTo(
                        "Documentation health for alice &lt;@U123&gt;: 2 of 3 datasets described");
        JsonNode blocks = first.get("blocks");
        assertThat(blocks).hasSize(4);
        assertThat(blocks.findValuesAsText("type"))
                .startsWith("header", "plain_text", "section", "mrkdwn", "divider", "context");
        assertThat(blocks.get(0).at("/text/text").asText())
                .isEqualTo("Documentation health: alice");
        assertThat(blocks.get(1).at("/text/text").asText())
                .isEqualTo("*alice &lt;!channel&gt;* owns 3 datasets; 1 lack a description");
        assertThat(blocks.get(3).at("/elements/0/text").asText())
                .isEqualTo("Worst: `sales.orders &amp; refunds`");
        // Order is kept; text-only messages carry no blocks.
        assertThat(JSON.readTree(requests.get(1).body()).get("text").asText())
                .isEqualTo("Row count of orders fell");
        assertThat(JSON.readTree(requests.get(1).body()).has("blocks")).isFalse();
        assertThat(JSON.readTree(requests.get(2).body()).get("text").asText())
                .isEqualTo("Row count recovered");
    }

    @Test
    void waitsForRetryAfterOn429AndDeliversOnce() throws Exception {
        slack.script(Answer.tooManyRequests("1"), Answer.ok());

        // The backoff is 10 ms: only Retry-After can explain a wait of a second.
        run(sink(), SlackMessage.ofText("alert/1", "rate limited once"));

        List<Request> requests = slack.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        Duration waited =
                Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesServerErrorsWithBackoffUntilDelivered() throws Exception {
        slack.script(
                Answer.status(503, "service_unavailable"),
                Answer.status(503, "service_unavailable"),
                Answer.ok());

        run(
                sink().setInitialBackoff(Duration.ofMillis(100))
                        .setMaxBackoff(Duration.ofMillis(150)),
                SlackMessage.ofText("alert/1", "after two 503s"),
                SlackMessage.ofText("alert/2", "right after"));

        List<Request> requests = slack.requests();
        assertThat(requests)
                .as("three attempts for the first message, one for the second")
                .hasSize(4);
        assertThat(requests.subList(0, 3))
                .extracting(Request::body)
                .containsOnly(requests.get(0).body());
        assertThat(JSON.readTree(requests.get(3).body()).get("text").asText())
                .isEqualTo("right after");
        // 100 ms, then doubled to 200 ms but capped at 150 ms.
        assertThat(gap(requests, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(gap(requests, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void retriesARequestThatTimesOut() throws Exception {
        slack.script(Answer.hang(), Answer.ok());

        run(
                sink().setRequestTimeout(Duration.ofMillis(300)),
                SlackMessage.ofText("alert/1", "first attempt times out"));

        List<Request> requests = slack.requests();
        assertThat(requests).hasSize(2);
        assertThat(gap(requests, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void invalidPayloadFailsTheJobWithoutRetrying() throws Exception {
        slack.script(Answer.status(400, "invalid_payload"));

        Throwable failure =
                runExpectingFailure(
                        sink(),
                        SlackMessage.ofText("alert/bad", "Slack refuses this"),
                        SlackMessage.ofText("alert/next", "never sent"));

        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("HTTP 400 invalid_payload")
                .contains("'alert/bad'")
                .contains(slack.host())
                .doesNotContain(slack.token());
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void unknownWebhookFailsTheJobWithoutRetrying() throws Exception {
        slack.script(Answer.status(404, "no_service"));

        Throwable failure =
                runExpectingFailure(
                        sink(), SlackMessage.ofText("digest/bob", "webhook was removed"));

        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("HTTP 404 no_service")
                .contains("not retried")
                .doesNotContain(slack.token());
        assertThat(slack.requests()).hasSize(1);
    }

    @Test
    void failsTheJobWhenRetriesAreExhausted() throws Exception {
        slack.always(Answer.status(503, "service_unavailable"));

        Throwable failure =
                runExpectingFailure(
                        sink().setMaxAttempts(3), SlackMessage.ofText("alert/1", "Slack is down"));

        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("did not take message 'alert/1' after 3 attempts")
                .contains("HTTP 503 service_unavailable")
                .doesNotContain(slack.token());
        assertThat(slack.requests()).hasSize(3);
    }

    @Test
    void failsTheJobWhenSlackCannotBeReached() throws Exception {
        SlackSinkBuilder builder = sink().setMaxAttempts(2);
        slack.stopListening();

        Throwable failure =
                runExpectingFailure(builder, SlackMessage.ofText("alert/1", "no network"));

        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("after 2 attempts")
                .contains("the last got no answer (ConnectException")
                .doesNotContain(slack.token());
    }

    @Test
    void webhookUrlAppearsInNoLogLineOrFailure() throws Exception {
        slack.script(
                Answer.ok(),
                Answer.status(503, "service_unavailable"),
                Answer.tooManyRequests("0"),
                Answer.status(400, "invalid_payload"));
        SlackSinkBuilder builder = sink();
        List<String> lines;
        Throwable failure;
        try (CapturedLogs logs = new CapturedLogs()) {
            failure =
                    runExpectingFailure(
                            builder,
                            SlackMessage.ofText("alert/1", "delivered"),
                            SlackMessage.ofText("alert/2", "503, 429, then 400"));
            lines = logs.lines();
        }

        // The writer's start, success, both retries, and Flink's report of the failed task.
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("posts to the webhook at " + slack.host()))
                .anySatisfy(l -> assertThat(l).contains("took message 'alert/1'"))
                .anySatisfy(l -> assertThat(l).contains("HTTP 503 service_unavailable"))
                .anySatisfy(l -> assertThat(l).contains("HTTP 429 rate_limited"))
                .anySatisfy(l -> assertThat(l).contains("HTTP 400 invalid_payload"));
        assertThat(lines)
                .noneSatisfy(l -> assertThat(l).contains(slack.token()))
                .noneSatisfy(l -> assertThat(l).contains(slack.url()));
        assertThat(ExceptionUtils.stringifyException(failure)).doesNotContain(slack.token());
        assertThat(builder.toString()).doesNotContain(slack.token()).contains(slack.host());
        assertThat(builder.build().toString()).doesNotContain(slack.token()).contains(slack.host());
        assertThat(builder.build().options().toString()).doesNotContain(slack.token());
    }

    /** Fast retries, so that tests do not wait for production backoffs. */
    private SlackSinkBuilder sink() {
        return SlackSink.builder()
                .setWebhookUrl(slack.url())
                .setRequestTimeout(Duration.ofSeconds(5))
                .setMaxAttempts(5)
                .setInitialBackoff(Duration.ofMillis(10))
                .setMaxBackoff(Duration.ofMillis(50))
                .setMaxRetryAfter(Duration.ofSeconds(5));
    }

    private static void run(SlackSinkBuilder sink, SlackMessage... messages) throws Exception {
        StreamExecutionEnvironment env = environment();
        env.fromData(messages).sinkTo(sink.build()).name("Slack").uid("slack-sink");
        env.execute("slack-sink-test");
    }

    private static Throwable runExpectingFailure(SlackSinkBuilder sink, SlackMessage... messages) {
        List<Throwable> failures = new ArrayList<>();
        assertThatThrownBy(() -> run(sink, messages)).satisfies(failures::add);
        return failures.get(0);
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        // A failed attempt would otherwise be restarted and post again.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // SlackMessage is a record Flink serializes itself; Kryo would fail the job here.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        env.setParallelism(1);
        return env;
    }

    private static Duration gap(List<Request> requests, int index) {
        return Duration.ofNanos(
                requests.get(index + 1).receivedNanos() - requests.get(index).receivedNanos());
    }
}
