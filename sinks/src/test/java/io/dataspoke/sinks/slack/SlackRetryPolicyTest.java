package io.dataspoke.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2024-05-06T12:00:00Z");

    private final SlackRetryPolicy policy =
            new SlackRetryPolicy(
                    Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void backoffDoublesUpToItsCap() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(1_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSays() {
        assertThat(policy.delay(1, 429, Optional.of("30"), NOW)).isEqualTo(Duration.ofSeconds(30));
        // Longer than the backoff cap: Retry-After wins over the backoff.
        assertThat(policy.delay(5, 429, Optional.of("20"), NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delay(1, 429, Optional.of("0"), NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIsCutToItsMaximum() {
        assertThat(policy.delay(1, 429, Optional.of("3600"), NOW))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        assertThat(policy.delay(1, 429, Optional.of("Mon, 06 May 2024 12:00:45 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(policy.delay(1, 429, Optional.of("Mon, 06 May 2024 11:00:00 GMT"), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void withoutAUsableRetryAfterA429BacksOff() {
        assertThat(policy.delay(3, 429, Optional.empty(), NOW)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(3, 429, Optional.of("soon"), NOW)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void otherStatusesIgnoreRetryAfter() {
        assertThat(policy.delay(2, 503, Optional.of("30"), NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(1, SlackDeliveryException.NO_RESPONSE, Optional.empty(), NOW))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
