package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

    @Test
    void defaultsStartOnAMondayWithThreeHundredDatasetsOverFourWeeks() {
        DemoConfig config = DemoConfig.defaults();

        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.datasets()).isEqualTo(300);
        assertThat(config.days()).isEqualTo(28);
        assertThat(config.start()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(config.startsOnMonday()).isTrue();
        assertThat(config.end()).isEqualTo(Instant.parse("2026-02-02T00:00:00Z"));
    }

    @Test
    void rejectsCatalogsTooSmallForTheScenario() {
        assertThatThrownBy(() -> new DemoConfig(1, 59, 28, Instant.parse("2026-01-05T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 60");
    }

    @Test
    void rejectsHistoriesWithoutAnEarlierMondayToCompareWith() {
        assertThatThrownBy(() -> new DemoConfig(1, 300, 13, Instant.parse("2026-01-05T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days");
    }

    @Test
    void rejectsStartsBetweenSeconds() {
        assertThatThrownBy(
                        () -> new DemoConfig(1, 300, 28, Instant.parse("2026-01-05T00:00:00.5Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
