package io.dataspoke.quality.lineage;

import static io.dataspoke.quality.QualityEvents.dataset;
import static io.dataspoke.quality.QualityEvents.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The fan-out over a broadcast lineage, including after a restore. */
class LineageFanOutFunctionTest {

    private static final String RAW = dataset("raw.orders");
    private static final String STAGING = dataset("staging.orders");
    private static final String INTERMEDIATE = dataset("int.orders");
    private static final String MART = dataset("mart.revenue");
    private static final String OTHER = dataset("raw.fx");

    private static LineageUpdate catalog(String down, long millis, String... ups) {
        return LineageUpdate.of(down, List.of(ups), LineageUpdate.CATALOG, millis);
    }

    private static void chain(BroadcastOperatorTestHarness<QualityEvent, LineageUpdate, Impact> h)
            throws Exception {
        h.processBroadcastElement(catalog(STAGING, 1, RAW), 1);
        h.processBroadcastElement(catalog(INTERMEDIATE, 1, STAGING), 1);
        h.processBroadcastElement(catalog(MART, 1, INTERMEDIATE, OTHER), 1);
    }

    @Test
    void anEventIsSeenFromItselfAndEachAncestorWithinMaxHops() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new LineageFanOutFunction(2), LineageFanOutFunction.LINEAGE)) {
            chain(h);
            QualityEvent failed = run("build_mart", MART, Outcome.FAIL, 1_000);
            h.processElement(failed, 1_000);

            assertThat(h.extractOutputValues())
                    .extracting(Impact::rootUrn, Impact::hops, Impact::event)
                    .containsExactly(
                            tuple(MART, 0, failed),
                            tuple(INTERMEDIATE, 1, failed),
                            tuple(OTHER, 1, failed),
                            tuple(STAGING, 2, failed));
            // The impacts keep the event's timestamp for the event-time patterns downstream.
            assertThat(h.getOutput())
                    .filteredOn(StreamRecord.class::isInstance)
                    .allSatisfy(
                            r -> assertThat(((StreamRecord<?>) r).getTimestamp()).isEqualTo(1_000));
        }
    }

    @Test
    void theDefaultIsThreeHopsAndAnUnknownDatasetIsSeenOnlyFromItself() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new LineageFanOutFunction(), LineageFanOutFunction.LINEAGE)) {
            chain(h);
            h.processElement(run("build_mart", MART, Outcome.FAIL, 1_000), 1_000);
            h.processElement(run("load_x", dataset("x"), Outcome.FAIL, 2_000), 2_000);

            assertThat(h.extractOutputValues())
                    .extracting(Impact::rootUrn, Impact::hops)
                    .containsExactly(
                            tuple(MART, 0),
                            tuple(INTERMEDIATE, 1),
                            tuple(OTHER, 1),
                            tuple(STAGING, 2),
                            tuple(RAW, 3),
                            tuple(dataset("x"), 0));
        }
    }

    @Test
    void lineageChangesApplyToTheNextEventAndStaleUpdatesAreIgnored() throws Exception {
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new LineageFanOutFunction(), LineageFanOutFunction.LINEAGE)) {
            chain(h);
            h.processElement(run("build_mart", MART, Outcome.FAIL, 1_000), 1_000);

            // The catalog drops mart's lineage; a run then reports it reads raw.fx only.
            h.processBroadcastElement(catalog(MART, 5), 5);
            h.processBroadcastElement(
                    LineageUpdate.of(MART, List.of(OTHER), LineageUpdate.RUN, 6), 6);
            // An older catalog update arriving late cannot bring the old lineage back.
            h.processBroadcastElement(catalog(MART, 2, INTERMEDIATE), 2);
            h.processElement(run("build_mart", MART, Outcome.PASS, 2_000), 2_000);

            List<Impact> out = h.extractOutputValues();
            assertThat(out.subList(5, out.size()))
                    .extracting(Impact::rootUrn, Impact::hops)
                    .containsExactly(tuple(MART, 0), tuple(OTHER, 1));
            assertThat(h.getBroadcastState(LineageFanOutFunction.LINEAGE).get("catalog " + MART))
                    .satisfies(u -> assertThat(u.upstreams()).isEmpty());
        }
    }

    @Test
    void aRestoredTaskRebuildsTheGraphFromBroadcastState() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h =
                ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                        new LineageFanOutFunction(), LineageFanOutFunction.LINEAGE)) {
            chain(h);
            h.processWatermark(new Watermark(10));
            snapshot = h.snapshot(1, 10);
        }

        try (var restored =
                new BroadcastOperatorTestHarness<>(
                        new CoBroadcastWithNonKeyedOperator<>(
                                new LineageFanOutFunction(),
                                List.of(LineageFanOutFunction.LINEAGE)),
                        1,
                        1,
                        0)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(run("build_mart", MART, Outcome.FAIL, 20), 20);

            assertThat(restored.extractOutputValues())
                    .extracting(Impact::rootUrn)
                    .containsExactly(MART, INTERMEDIATE, OTHER, STAGING, RAW);
        }
    }
}
