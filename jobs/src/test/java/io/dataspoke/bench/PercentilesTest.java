package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToAHundred() {
        double[] shuffled =
                IntStream.rangeClosed(1, 100)
                        .map(i -> (i * 37) % 100 + 1)
                        .asDoubleStream()
                        .toArray();
        Percentiles p = Percentiles.of(shuffled);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new double[] {7.5});
        assertThat(p.p50()).isEqualTo(7.5);
        assertThat(p.p99()).isEqualTo(7.5);
    }

    @Test
    void noSamplesIsAnError() {
        assertThatThrownBy(() -> Percentiles.of(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
