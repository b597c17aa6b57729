package io.dataspoke.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.DatasetDetectors;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.MetricDetectors;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.MetricState;
import io.dataspoke.anomaly.Point;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forests lent back to detectors whose state went through the job's serializer between points. */
class FittedForestsTest {

    private static Point profile(int i, Random random) {
        return new Point(i, new double[] {1_000 + 10 * random.nextGaussian(), 0.01, 12});
    }

    /** The state of one metric after a write and a read, as RocksDB gives it back. */
    private static MetricState throughState(MetricState state) {
        DatasetDetectors dataset = new DatasetDetectors();
        dataset.put(MetricSample.PROFILE, state);
        return DetectorsSerializer.INSTANCE.copy(dataset).get(MetricSample.PROFILE);
    }

    private static IsolationForestStrategy forest(MetricState state) {
        return (IsolationForestStrategy) state.detector().members().get(0);
    }

    @Test
    void aDetectorReadFromStateGetsItsForestBackAndFitsOnlyWhenItsScheduleSays() {
        FittedForests forests = new FittedForests(4);
        MetricState state = MetricState.fresh(MetricSample.PROFILE);
        Random random = new Random(3);
        int distinct = 0;
        Object last = null;
        for (int i = 0; i < 400; i++) {
            state = throughState(state);
            forests.lend("k", state);
            if (i > 128) {
                // Lent back: the same trees as before the write, not a refit.
                assertThat(forest(state).fitted()).isNotNull();
                assertThat(forest(state).fitted().forest()).isSameAs(last);
            }
            state.detector().score(profile(i, random));
            forests.keep("k", state);
            if (forest(state).fitted() != null && forest(state).fitted().forest() != last) {
                last = forest(state).fitted().forest();
                distinct++;
            }
        }
        // 128 points before the first fit, then one every 64: at 128, 192, 256, 320 and 384.
        assertThat(distinct).isEqualTo(5);
        assertThat(forests.refits()).isEqualTo(5);
    }

    @Test
    void aForestIsNotLentToAnotherModelNorKeptBeyondTheCapacity() {
        FittedForests forests = new FittedForests(1);
        Random random = new Random(4);
        MetricState a = MetricState.fresh(MetricSample.PROFILE);
        MetricState b = MetricState.fresh(MetricSample.PROFILE);
        for (int i = 0; i < 140; i++) {
            a.detector().score(profile(i, random));
            b.detector().score(profile(i, random));
        }
        forests.keep("a", a);
        forests.keep("b", b);
        assertThat(forests.size()).isEqualTo(1);

        MetricState readA = throughState(a);
        forests.lend("a", readA);
        assertThat(forest(readA).fitted()).as("evicted by b").isNull();

        MetricState readB = throughState(b);
        MetricState retrained =
                readB.withModel(MetricDetectors.forMetric(MetricSample.PROFILE), 2, 0);
        forests.lend("b", retrained);
        assertThat(forest(retrained).fitted()).as("b's forest is not the new model's").isNull();
        forests.lend("b", readB);
        assertThat(forest(readB).fitted().forest()).isSameAs(forest(b).fitted().forest());
    }
}
