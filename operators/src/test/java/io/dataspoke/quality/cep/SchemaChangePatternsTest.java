package io.dataspoke.quality.cep;

import static io.dataspoke.quality.QualityEvents.HOUR;
import static io.dataspoke.quality.QualityEvents.MINUTE;
import static io.dataspoke.quality.QualityEvents.check;
import static io.dataspoke.quality.QualityEvents.dataset;
import static io.dataspoke.quality.QualityEvents.run;
import static io.dataspoke.quality.QualityEvents.schemaBreak;
import static io.dataspoke.quality.QualityEvents.schemaRepair;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import java.time.Duration;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema-break pattern on the CEP operator, driven by explicit watermarks. */
class SchemaChangePatternsTest {

    private static final String SOURCE = dataset("raw.orders");
    private static final String STAGING = dataset("staging.orders");
    private static final String MART = dataset("mart.revenue");

    private KeyedOneInputStreamOperatorTestHarness<String, Impact, PatternMatch> h;

    @BeforeEach
    void open() throws Exception {
        h = CepHarness.open(Impact.class, SchemaChangePatterns::detect);
        h.processWatermark(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(int hops, QualityEvent e) throws Exception {
        h.processElement(new Impact(SOURCE, hops, e), e.eventMillis());
    }

    @Test
    void aBreakThenADownstreamFailureMatchesOnceNamingTheColumn() throws Exception {
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 40 * MINUTE));
        send(2, check(MART, "revenue_not_null", "not_null", Outcome.FAIL, 50 * MINUTE));
        h.processWatermark(HOUR);

        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.pattern()).isEqualTo(SchemaChangePatterns.PATTERN);
                            assertThat(m.rootUrn()).isEqualTo(SOURCE);
                            assertThat(m.column()).isEqualTo("amount");
                            assertThat(m.datasets()).containsExactly(STAGING);
                            assertThat(m.hops()).containsExactly(1);
                            assertThat(m.startMillis()).isEqualTo(10 * MINUTE);
                            assertThat(m.endMillis()).isEqualTo(40 * MINUTE);
                            assertThat(m.detail())
                                    .isEqualTo(
                                            "Column amount of raw.orders changed incompatibly"
                                                    + " (column amount removed); 30 min later job"
                                                    + " load_staging failed writing staging.orders"
                                                    + " (1 hop downstream).");
                        });
    }

    @Test
    void aFailureBeforeTheBreakOrOnTheRootItselfIsNoMatch() throws Exception {
        send(2, run("build_mart", MART, Outcome.FAIL, 5 * MINUTE));
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(0, run("ingest_raw", SOURCE, Outcome.FAIL, 20 * MINUTE));
        send(1, check(STAGING, "orders_fresh", "freshness", Outcome.WARN, 30 * MINUTE));
        h.processWatermark(3 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
    }

    @Test
    void aFailureAfterTheWindowIsNoMatchAndTheCandidateIsDropped() throws Exception {
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        h.processWatermark(30 * MINUTE);
        assertThat(h.numEventTimeTimers()).as("window timer of the open candidate").isEqualTo(1);

        send(1, run("load_staging", STAGING, Outcome.FAIL, 10 * MINUTE + 2 * HOUR + 1));
        h.processWatermark(5 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
        assertIdle();
    }

    @Test
    void aRepairOfTheBrokenColumnCancelsButARepairOfAnotherDoesNot() throws Exception {
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(0, schemaRepair(SOURCE, "amount", 20 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 30 * MINUTE));
        h.processWatermark(HOUR);
        assertThat(h.extractOutputValues()).isEmpty();

        send(0, schemaBreak(SOURCE, "currency", 2 * HOUR));
        send(0, schemaRepair(SOURCE, "amount", 2 * HOUR + MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 2 * HOUR + 5 * MINUTE));
        h.processWatermark(3 * HOUR);
        assertThat(h.extractOutputValues())
                .extracting(PatternMatch::column)
                .containsExactly("currency");
    }

    @Test
    void oneMatchPerBreakNotPerDownstreamFailure() throws Exception {
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 20 * MINUTE));
        send(2, run("build_mart", MART, Outcome.FAIL, 30 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 40 * MINUTE));
        h.processWatermark(HOUR);
        assertThat(h.extractOutputValues()).hasSize(1);

        // A later break of the same root is a new episode with its own match.
        send(0, schemaBreak(SOURCE, "currency", 3 * HOUR));
        send(2, run("build_mart", MART, Outcome.FAIL, 3 * HOUR + 10 * MINUTE));
        h.processWatermark(4 * HOUR);
        assertThat(h.extractOutputValues())
                .extracting(PatternMatch::column)
                .containsExactly("amount", "currency");
    }

    @Test
    void stateAndTimersAreClearedOnceTheWindowHasPassed() throws Exception {
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 20 * MINUTE));
        send(0, schemaBreak(SOURCE, "currency", 30 * MINUTE));
        assertThat(h.numKeyedStateEntries()).isPositive();
        h.processWatermark(HOUR);
        assertThat(h.extractOutputValues()).hasSize(1);

        h.processWatermark(3 * HOUR);
        assertIdle();
    }

    @Test
    void theWindowIsAParameter() throws Exception {
        h.close();
        h =
                CepHarness.open(
                        Impact.class, s -> SchemaChangePatterns.detect(s, Duration.ofMinutes(15)));
        send(0, schemaBreak(SOURCE, "amount", 10 * MINUTE));
        send(1, run("load_staging", STAGING, Outcome.FAIL, 30 * MINUTE));
        h.processWatermark(HOUR);
        assertThat(h.extractOutputValues()).isEmpty();
    }

    /** Nothing buffered, no candidate, no shared-buffer entry, no timer left for the key. */
    private void assertIdle() {
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }
}
