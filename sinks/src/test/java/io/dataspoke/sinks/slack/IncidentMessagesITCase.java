package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.quality.Severity;
import io.dataspoke.quality.alert.IncidentAlert;
import io.dataspoke.quality.alert.IncidentAlert.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Incident messages through the real {@link SlackSink} to {@link FakeSlackWebhook}, with a delivery
 * log shared by two job runs: the second run stands for a restored job that composes the first
 * alert again before its update.
 */
class IncidentMessagesITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The delivery logs' keys by log id: the sink reaches the MiniCluster as a copy. */
    private static final Map<String, Set<String>> LOGS = new ConcurrentHashMap<>();

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
    void aRestoredJobDoesNotRepostTheAlertButPostsItsUpdate() throws Exception {
        IncidentAlert opened = IncidentMessagesTest.opened();
        IncidentAlert update =
                new IncidentAlert(
                        opened.incident(),
                        Kind.UPDATED,
                        2,
                        new String[] {"severity HIGH → CRITICAL"},
                        Severity.CRITICAL);
        InMemoryDeliveryLog log = new InMemoryDeliveryLog();

        run(log, IncidentMessages.of(opened, "https://datahub.example.com"));
        run(
                log,
                IncidentMessages.of(opened, "https://datahub.example.com"),
                IncidentMessages.of(update, "https://datahub.example.com"),
                // Another route's copy of the first alert is a delivery of its own.
                IncidentMessages.of(opened, "everything", "https://datahub.example.com"));

        var requests = slack.requests();
        assertThat(requests).hasSize(3);
        JsonNode first = JSON.readTree(requests.get(0).body());
        assertThat(first.get("text").asText())
                .startsWith("[HIGH] orders.amount changed type: schema-change at raw.orders");
        assertThat(first.at("/blocks/0/text/text").asText())
                .isEqualTo(":large_orange_circle: orders.amount changed type");
        assertThat(first.at("/blocks/4/text/text").asText())
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>");
        JsonNode second = JSON.readTree(requests.get(1).body());
        assertThat(second.at("/blocks/0/text/text").asText())
                .isEqualTo(":large_orange_circle: Update 2: orders.amount changed type");
        assertThat(second.at("/blocks/2/text/text").asText())
                .isEqualTo("*Since the last message*\n• severity HIGH → CRITICAL");
        assertThat(requests.get(2).body()).isEqualTo(requests.get(0).body());
        assertThat(LOGS.get(log.id))
                .containsExactlyInAnyOrder("inc-7f3a:1", "inc-7f3a:2", "inc-7f3a:1@everything");
    }

    private void run(InMemoryDeliveryLog log, SlackMessage... messages) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(conf);
        env.setParallelism(1);
        env.fromData(messages)
                .sinkTo(
                        SlackSink.builder()
                                .setWebhookUrl(slack.url())
                                .setRequestTimeout(Duration.ofSeconds(5))
                                .setInitialBackoff(Duration.ofMillis(10))
                                .setMaxBackoff(Duration.ofMillis(50))
                                .setDeliveryLog(log)
                                .build())
                .name("Slack Incident Alerts")
                .uid("slack-incident-alerts-sink");
        env.execute("incident-messages-test");
    }

    /** A delivery log in the test's memory. */
    private static final class InMemoryDeliveryLog implements DeliveryLog {
        private final String id = UUID.randomUUID().toString();

        @Override
        public Store open() {
            Set<String> keys = LOGS.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
            return new Store() {
                @Override
                public boolean delivered(String dedupKey) {
                    return keys.contains(dedupKey);
                }

                @Override
                public void recordDelivered(String dedupKey) {
                    keys.add(dedupKey);
                }

                @Override
                public void close() {}
            };
        }
    }
}
