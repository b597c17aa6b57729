package io.dataspoke.quality.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupingWindowTest {

    private static final GroupingWindow FIVE = GroupingWindow.of(Duration.ofMinutes(5));
    private static final long M = 60_000L;

    @Test
    void boundariesAreTheOpeningPlusWholeWindows() {
        assertThat(FIVE.firstMessageAt(1_000)).isEqualTo(1_000 + 5 * M);
        assertThat(FIVE.nextBoundary(0, 0)).isEqualTo(5 * M);
        assertThat(FIVE.nextBoundary(0, 5 * M - 1)).isEqualTo(5 * M);
        // Strictly after: a change at a boundary waits for the next one.
        assertThat(FIVE.nextBoundary(0, 5 * M)).isEqualTo(10 * M);
        assertThat(FIVE.nextBoundary(7, 12 * M)).isEqualTo(15 * M + 7);
        assertThat(FIVE.nextBoundary(10 * M, 3 * M)).isEqualTo(15 * M);
    }

    @Test
    void liveMeansWithinOneWindowOfTheWallClockButNoLessThanTenMinutes() {
        long now = 100 * M;
        assertThat(FIVE.live(now, now)).isTrue();
        assertThat(FIVE.live(now - 10 * M, now)).isTrue();
        assertThat(FIVE.live(now - 10 * M - 1, now)).isFalse();
        assertThat(FIVE.live(now + 2 * M, now)).as("clock skew").isTrue();
        GroupingWindow hour = GroupingWindow.of(java.time.Duration.ofHours(1));
        assertThat(hour.live(now - 60 * M, now)).isTrue();
        assertThat(hour.live(now - 60 * M - 1, now)).isFalse();
    }

    @Test
    void theWindowMustBePositive() {
        assertThatThrownBy(() -> GroupingWindow.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GroupingWindow.DEFAULT).isEqualTo(Duration.ofMinutes(5));
    }
}
