package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustTest {

    /**
     * Selection finds the median a sort does, on arrays of every length up to 300 drawn from few
     * distinct values (many ties) and from many, sorted ascending, descending and shuffled.
     */
    @Test
    void theMedianBySelectionIsTheMedianOfTheSortedValues() {
        Random random = new Random(3);
        for (int n = 1; n <= 300; n++) {
            for (int distinct : new int[] {2, 5, 1_000_000}) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextInt(distinct) * 0.5 - 3;
                }
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double expected =
                        n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                assertEquals(expected, Robust.median(values.clone()), 0, n + " values");
                assertEquals(expected, Robust.median(sorted.clone()), 0, n + " sorted");
                double[] descending = new double[n];
                for (int i = 0; i < n; i++) {
                    descending[i] = sorted[n - 1 - i];
                }
                assertEquals(expected, Robust.median(descending), 0, n + " descending");
            }
        }
    }
}
