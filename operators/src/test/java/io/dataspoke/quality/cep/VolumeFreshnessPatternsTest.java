package io.dataspoke.quality.cep;

import static io.dataspoke.quality.QualityEvents.HOUR;
import static io.dataspoke.quality.QualityEvents.MINUTE;
import static io.dataspoke.quality.QualityEvents.anomaly;
import static io.dataspoke.quality.QualityEvents.check;
import static io.dataspoke.quality.QualityEvents.dataset;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The volume-then-freshness pattern on the CEP operator, driven by explicit watermarks. */
class VolumeFreshnessPatternsTest {

    private static final String SOURCE = dataset("raw.clicks");
    private static final String DAILY = dataset("mart.daily_clicks");
    private static final String WEEKLY = dataset("mart.weekly_clicks");

    private KeyedOneInputStreamOperatorTestHarness<String, Impact, PatternMatch> h;

    @BeforeEach
    void open() throws Exception {
        h = CepHarness.open(Impact.class, VolumeFreshnessPatterns::detect);
        h.processWatermark(0);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(int hops, QualityEvent e) throws Exception {
        h.processElement(new Impact(SOURCE, hops, e), e.eventMillis());
    }

    private static QualityEvent rowCount(Outcome outcome, long millis) {
        return check(SOURCE, "clicks_rows", "row_count", outcome, millis);
    }

    private static QualityEvent stale(String urn, long millis) {
        return check(urn, "fresh_daily", "freshness", Outcome.FAIL, millis);
    }

    @Test
    void aRowCountDropThenAStaleDownstreamMatchesOnce() throws Exception {
        send(0, rowCount(Outcome.FAIL, HOUR));
        send(2, stale(WEEKLY, 4 * HOUR));
        send(1, stale(DAILY, 5 * HOUR));
        h.processWatermark(8 * HOUR);

        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.pattern()).isEqualTo(VolumeFreshnessPatterns.PATTERN);
                            assertThat(m.rootUrn()).isEqualTo(SOURCE);
                            assertThat(m.datasets()).containsExactly(WEEKLY);
                            assertThat(m.hops()).containsExactly(2);
                            assertThat(m.startMillis()).isEqualTo(HOUR);
                            assertThat(m.endMillis()).isEqualTo(4 * HOUR);
                            assertThat(m.detail())
                                    .isEqualTo(
                                            "Row-count check clicks_rows on raw.clicks is FAIL"
                                                    + " (clicks_rows is FAIL); 3 h later freshness"
                                                    + " check fresh_daily on mart.weekly_clicks"
                                                    + " (2 hops downstream) is FAIL.");
                        });

        // The NFA arms a window timer for the events it saw after the match too; once the window
        // after the last of them has passed, nothing is left.
        h.processWatermark(5 * HOUR + VolumeFreshnessPatterns.DEFAULT_WINDOW.toMillis());
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aVolumeAnomalyAlsoStartsTheStory() throws Exception {
        send(0, anomaly(SOURCE, "row_count", Outcome.FAIL, HOUR));
        send(1, stale(DAILY, HOUR + 30 * MINUTE));
        h.processWatermark(2 * HOUR);

        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(m -> assertThat(m.detail()).startsWith("Volume anomaly row_count on"));
    }

    @Test
    void wrongOrderWrongPlaceOrAHealthyRowCountIsNoMatch() throws Exception {
        send(1, stale(DAILY, HOUR));
        send(0, rowCount(Outcome.PASS, 2 * HOUR));
        send(0, stale(SOURCE, 3 * HOUR));
        send(0, rowCount(Outcome.FAIL, 4 * HOUR));
        send(0, stale(SOURCE, 5 * HOUR));
        send(1, check(DAILY, "daily_not_null", "not_null", Outcome.FAIL, 5 * HOUR));
        h.processWatermark(11 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aStaleDownstreamAfterSixHoursIsNoMatchAndTheCandidateIsDropped() throws Exception {
        send(0, rowCount(Outcome.WARN, HOUR));
        h.processWatermark(2 * HOUR);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        send(1, stale(DAILY, 7 * HOUR + 1));
        h.processWatermark(8 * HOUR);

        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isZero();
    }
}
