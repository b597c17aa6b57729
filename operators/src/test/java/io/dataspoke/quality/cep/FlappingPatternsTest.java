package io.dataspoke.quality.cep;

import static io.dataspoke.quality.QualityEvents.HOUR;
import static io.dataspoke.quality.QualityEvents.MINUTE;
import static io.dataspoke.quality.QualityEvents.check;
import static io.dataspoke.quality.QualityEvents.dataset;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flapping-check pattern on the CEP operator, driven by explicit watermarks. */
class FlappingPatternsTest {

    private static final String ORDERS = dataset("staging.orders");

    private KeyedOneInputStreamOperatorTestHarness<String, QualityEvent, PatternMatch> h;

    @BeforeEach
    void open() throws Exception {
        h = CepHarness.open(QualityEvent.class, FlappingPatterns::detect);
        h.processWatermark(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(String check, Outcome outcome, long millis) throws Exception {
        h.processElement(event(check, outcome, millis), millis);
    }

    private static QualityEvent event(String check, Outcome outcome, long millis) {
        return check(ORDERS, check, "row_count", outcome, millis);
    }

    private void flips(String check, long startMillis, long stepMillis, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            send(check, i % 2 == 0 ? Outcome.FAIL : Outcome.PASS, startMillis + i * stepMillis);
        }
    }

    @Test
    void fourChangesWithinAnHourMatchOnce() throws Exception {
        flips("orders_rows", 10 * MINUTE, 10 * MINUTE, 4);
        h.processWatermark(HOUR);

        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.pattern()).isEqualTo(FlappingPatterns.PATTERN);
                            assertThat(m.rootUrn()).isEqualTo(ORDERS);
                            assertThat(m.startMillis()).isEqualTo(10 * MINUTE);
                            assertThat(m.endMillis()).isEqualTo(40 * MINUTE);
                            assertThat(m.detail())
                                    .isEqualTo(
                                            "The row_count check orders_rows on staging.orders"
                                                    + " changed outcome 4 times in 30 min (within"
                                                    + " the 1 h window): FAIL → PASS → FAIL →"
                                                    + " PASS.");
                        });
    }

    @Test
    void theFifthAndSixthChangeOfTheEpisodeMatchNothing() throws Exception {
        flips("orders_rows", 10 * MINUTE, 5 * MINUTE, 6);
        h.processWatermark(2 * HOUR);

        assertThat(h.extractOutputValues()).hasSize(1);
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void changesSpreadOverMoreThanTheWindowAreNoMatch() throws Exception {
        flips("orders_rows", 0, 25 * MINUTE, 4);
        h.processWatermark(3 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRepeatedOutcomeIsNotAChange() throws Exception {
        send("orders_rows", Outcome.FAIL, MINUTE);
        send("orders_rows", Outcome.PASS, 2 * MINUTE);
        send("orders_rows", Outcome.PASS, 3 * MINUTE);
        send("orders_rows", Outcome.FAIL, 4 * MINUTE);
        h.processWatermark(10 * MINUTE);
        assertThat(h.extractOutputValues()).isEmpty();

        send("orders_rows", Outcome.PASS, 11 * MINUTE);
        h.processWatermark(20 * MINUTE);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(m -> assertThat(m.detail()).endsWith("FAIL → PASS → FAIL → PASS."));
    }

    @Test
    void eachCheckFlapsOnItsOwn() throws Exception {
        send("orders_rows", Outcome.FAIL, MINUTE);
        send("orders_fresh", Outcome.PASS, 2 * MINUTE);
        send("orders_rows", Outcome.PASS, 3 * MINUTE);
        send("orders_fresh", Outcome.FAIL, 4 * MINUTE);
        h.processWatermark(2 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
    }
}
