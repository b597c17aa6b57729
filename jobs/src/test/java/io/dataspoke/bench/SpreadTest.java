package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        double[] values = {5, 1, 4, 2, 3};

        assertThat(Spread.of(values)).isEqualTo(new Spread(3, 1, 5));
        assertThat(values).containsExactly(5, 1, 4, 2, 3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(new double[] {10, 1, 4, 2})).isEqualTo(new Spread(3, 1, 10));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Spread.of(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
