package io.dataspoke.quality.cep;

import static io.dataspoke.quality.QualityEvents.HOUR;
import static io.dataspoke.quality.QualityEvents.MINUTE;
import static io.dataspoke.quality.QualityEvents.dataset;
import static io.dataspoke.quality.QualityEvents.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import java.time.Duration;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The failure-streak pattern on the CEP operator, driven by explicit watermarks. */
class PipelineFailurePatternsTest {

    private static final String ORDERS = dataset("staging.orders");
    private static final String USERS = dataset("staging.users");

    private KeyedOneInputStreamOperatorTestHarness<String, QualityEvent, PatternMatch> h;

    private void open(Duration window) throws Exception {
        h = CepHarness.open(QualityEvent.class, s -> PipelineFailurePatterns.detect(s, 3, window));
        h.processWatermark(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(String job, String output, Outcome outcome, long millis) throws Exception {
        h.processElement(run(job, output, outcome, millis), millis);
    }

    @Test
    void threeFailuresInARowMatchOnTheThirdWithTheLastError() throws Exception {
        open(null);
        send("load_orders", ORDERS, Outcome.PASS, 10 * MINUTE);
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 2 * HOUR);
        h.processWatermark(2 * HOUR);
        assertThat(h.extractOutputValues()).isEmpty();

        send("load_orders", ORDERS, Outcome.FAIL, 3 * HOUR + 5 * MINUTE);
        h.processWatermark(4 * HOUR);

        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.pattern()).isEqualTo(PipelineFailurePatterns.PATTERN);
                            assertThat(m.rootUrn()).isEqualTo(ORDERS);
                            assertThat(m.startMillis()).isEqualTo(HOUR);
                            assertThat(m.endMillis()).isEqualTo(3 * HOUR + 5 * MINUTE);
                            assertThat(m.datasets()).isEmpty();
                            assertThat(m.detail())
                                    .isEqualTo(
                                            "Job load_orders (writing staging.orders) failed 3"
                                                    + " runs in a row over 2 h 5 min; last error:"
                                                    + " error at "
                                                    + (3 * HOUR + 5 * MINUTE));
                        });
    }

    @Test
    void aSuccessfulRunBreaksTheStreak() throws Exception {
        open(null);
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 2 * HOUR);
        send("load_orders", ORDERS, Outcome.PASS, 3 * HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 4 * HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 5 * HOUR);
        h.processWatermark(6 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
    }

    @Test
    void streaksAreCountedPerJob() throws Exception {
        open(null);
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_users", USERS, Outcome.FAIL, HOUR + MINUTE);
        send("load_orders", ORDERS, Outcome.FAIL, 2 * HOUR);
        send("load_users", USERS, Outcome.PASS, 2 * HOUR + MINUTE);
        send("load_orders", ORDERS, Outcome.FAIL, 3 * HOUR);
        send("load_users", USERS, Outcome.FAIL, 3 * HOUR + MINUTE);
        h.processWatermark(4 * HOUR);

        assertThat(h.extractOutputValues())
                .extracting(PatternMatch::rootUrn)
                .containsExactly(ORDERS);
    }

    @Test
    void theFourthAndFifthFailureOfTheStreakMatchNothing() throws Exception {
        open(null);
        for (int i = 1; i <= 5; i++) {
            send("load_orders", ORDERS, Outcome.FAIL, i * HOUR);
        }
        h.processWatermark(6 * HOUR);
        assertThat(h.extractOutputValues()).hasSize(1);

        // The sixth completes a second run of three: a reminder with the same pattern and root,
        // which the correlator adds to the open incident (see the class comment).
        send("load_orders", ORDERS, Outcome.FAIL, 6 * HOUR + 1);
        h.processWatermark(7 * HOUR);
        assertThat(h.extractOutputValues())
                .extracting(PatternMatch::pattern, PatternMatch::rootUrn, PatternMatch::startMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                PipelineFailurePatterns.PATTERN, ORDERS, HOUR),
                        org.assertj.core.groups.Tuple.tuple(
                                PipelineFailurePatterns.PATTERN, ORDERS, 4 * HOUR));
    }

    @Test
    void withAWindowFailuresSpreadTooFarApartDoNotMatchAndLeaveNoState() throws Exception {
        open(Duration.ofHours(2));
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 2 * HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 3 * HOUR + 1);
        h.processWatermark(4 * HOUR);
        assertThat(h.extractOutputValues()).isEmpty();

        // The candidates that began at 2 h and 3 h are still open until their windows end.
        assertThat(h.numEventTimeTimers()).isPositive();
        h.processWatermark(6 * HOUR);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void withAWindowFailuresInsideItMatch() throws Exception {
        open(Duration.ofHours(2));
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 2 * HOUR);
        send("load_orders", ORDERS, Outcome.FAIL, 3 * HOUR - 1);
        h.processWatermark(6 * HOUR);

        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aStreakCutShortByASuccessLeavesNoStateEvenWithoutAWindow() throws Exception {
        open(null);
        send("load_orders", ORDERS, Outcome.FAIL, HOUR);
        send("load_orders", ORDERS, Outcome.PASS, 2 * HOUR);
        h.processWatermark(3 * HOUR);

        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }
}
