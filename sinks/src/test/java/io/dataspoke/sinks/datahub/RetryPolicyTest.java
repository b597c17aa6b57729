package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(
                    6,
                    Duration.ofMillis(100),
                    Duration.ofMillis(700),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5));

    @Test
    void backsOffExponentiallyUpToTheCap() {
        assertThat(policy.delayBeforeRetry(1, null)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBeforeRetry(2, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBeforeRetry(3, null)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayBeforeRetry(4, null)).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.delayBeforeRetry(60, null)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void waitsAtLeastAsLongAsRetryAfterAsksUpToItsCap() {
        assertThat(policy.delayBeforeRetry(1, Duration.ofSeconds(3)))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBeforeRetry(4, Duration.ZERO)).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.delayBeforeRetry(1, Duration.ofHours(1)))
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void worstCaseCoversEveryAttemptAndWait() {
        assertThat(policy.worstCase()).isEqualTo(Duration.ofSeconds(6 * 5 + 6 * 10));
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        0,
                                        Duration.ofMillis(1),
                                        Duration.ofMillis(1),
                                        Duration.ZERO,
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        3,
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(1),
                                        Duration.ZERO,
                                        Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        3,
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1),
                                        Duration.ZERO,
                                        Duration.ZERO))
                .hasMessageContaining("requestTimeout");
    }
}
