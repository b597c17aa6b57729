package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.db.Migrations;
import io.dataspoke.embedded.EmbeddedStack;
import io.dataspoke.embedded.LocalSlackWebhook;
import io.dataspoke.sinks.postgres.PostgresDeliveryLog;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.slack.SlackMessage;
import io.dataspoke.sinks.slack.SlackSink;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack sink with its Postgres delivery log, in real Flink jobs over HTTP to the in-process
 * {@link LocalSlackWebhook}: a message whose dedup key was delivered is not posted again, within a
 * job or by a later job (as after a restore that composes the same digest again).
 */
class SlackDeliveryLogITCase {

    @TempDir static Path workDir;

    private static EmbeddedStack stack;
    private static LocalSlackWebhook slack;
    private static PostgresOptions postgres;

    @BeforeAll
    static void start() throws Exception {
        stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults().withWorkDir(workDir).withWebPort(0));
        slack = LocalSlackWebhook.start();
        String url = stack.postgres().createDatabase("deliveries");
        Migrations.migrate(url, stack.postgres().user(), stack.postgres().password());
        postgres = new PostgresOptions(url, stack.postgres().user(), stack.postgres().password());
    }

    @AfterAll
    static void stop() throws Exception {
        if (slack != null) {
            slack.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static void post(SlackMessage... messages) throws Exception {
        StreamExecutionEnvironment env = stack.flink().environment();
        JobSettings.apply(env, Duration.ofSeconds(1), 1);
        env.fromData(messages)
                .sinkTo(
                        SlackSink.builder()
                                .setWebhookUrl(slack.url())
                                .setDeliveryLog(new PostgresDeliveryLog(postgres))
                                .build())
                .name("Slack");
        stack.flink()
                .awaitTermination(stack.flink().submit(env, "slack-log"), Duration.ofMinutes(2));
    }

    @Test
    void aDeliveredKeyIsNeverPostedAgain() throws Exception {
        post(
                SlackMessage.ofText("digest/ana/day-1", "first"),
                SlackMessage.ofText("digest/ana/day-1", "first, composed again"),
                SlackMessage.ofText("digest/bo/day-1", "second"));
        assertThat(slack.messages()).hasSize(2);
        assertThat(slack.messages().get(0)).contains("first").doesNotContain("again");

        // A later job (a restore) composes day 1 again and a new day-2 digest.
        post(
                SlackMessage.ofText("digest/ana/day-1", "first, after a restore"),
                SlackMessage.ofText("digest/ana/day-2", "third"));
        assertThat(slack.messages()).hasSize(3);
        assertThat(slack.messages().get(2)).contains("third");
        assertThat(
                        new PostgresTables(postgres.jdbcUrl(), postgres.user(), postgres.password())
                                .count("SELECT count(*) FROM slack_deliveries"))
                .isEqualTo(3);
    }
}
