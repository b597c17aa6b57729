package io.dataspoke.quality.lineage;

import static io.dataspoke.quality.QualityEvents.MINUTE;
import static io.dataspoke.quality.QualityEvents.check;
import static io.dataspoke.quality.QualityEvents.dataset;
import static io.dataspoke.quality.QualityEvents.run;
import static io.dataspoke.quality.QualityEvents.schemaBreak;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.Impact;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.cep.SchemaChangePatterns;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LineageFanOutFunction} feeding {@link SchemaChangePatterns} on a MiniCluster: a column
 * removed from a source breaks three datasets downstream of it, and the pattern reports the break
 * once.
 *
 * <p>Runs in BATCH mode: there Flink reads a broadcast input completely before the other input, so
 * the lineage is known before the first event is fanned out. In STREAMING mode the order in which
 * two bounded sources reach the fan-out is up to the scheduler, and an event that overtakes its
 * lineage is (correctly, but not usefully for this test) seen only from its own dataset.
 */
class LineageSchemaChangeITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String SOURCE = dataset("raw.orders");
    private static final String STAGING = dataset("staging.orders");
    private static final String INTERMEDIATE = dataset("int.orders_enriched");
    private static final String MART = dataset("mart.revenue");

    @Test
    void aSchemaBreakOnTheSourceAndFailuresOneToThreeHopsDownMakeOneMatch() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        env.getConfig().disableGenericTypes();

        DataStream<LineageUpdate> lineage =
                env.fromData(
                        List.of(
                                LineageUpdate.of(
                                        STAGING, List.of(SOURCE), LineageUpdate.CATALOG, 1),
                                LineageUpdate.of(
                                        INTERMEDIATE, List.of(STAGING), LineageUpdate.RUN, 1),
                                LineageUpdate.of(
                                        MART, List.of(INTERMEDIATE), LineageUpdate.CATALOG, 1)),
                        TypeInformation.of(LineageUpdate.class));
        DataStream<QualityEvent> events =
                env.fromData(
                                List.of(
                                        // Before the break: not caused by it.
                                        run("build_mart", MART, Outcome.FAIL, 5 * MINUTE),
                                        schemaBreak(SOURCE, "customer_id", 10 * MINUTE),
                                        run("load_staging", STAGING, Outcome.FAIL, 20 * MINUTE),
                                        check(
                                                INTERMEDIATE,
                                                "enriched_not_null",
                                                "not_null",
                                                Outcome.FAIL,
                                                30 * MINUTE),
                                        run("build_mart", MART, Outcome.FAIL, 40 * MINUTE)),
                                TypeInformation.of(QualityEvent.class))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<QualityEvent>forBoundedOutOfOrderness(
                                                Duration.ofMinutes(1))
                                        .withTimestampAssigner((e, previous) -> e.eventMillis()));

        DataStream<Impact> impacts =
                events.connect(lineage.broadcast(LineageFanOutFunction.LINEAGE))
                        .process(new LineageFanOutFunction())
                        .uid("lineage-fan-out")
                        .name("Lineage fan-out");
        List<PatternMatch> matches = SchemaChangePatterns.detect(impacts).executeAndCollect(10);

        assertThat(matches)
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.rootUrn()).isEqualTo(SOURCE);
                            assertThat(m.column()).isEqualTo("customer_id");
                            assertThat(m.datasets()).containsExactly(STAGING);
                            assertThat(m.hops()).containsExactly(1);
                            assertThat(m.startMillis()).isEqualTo(10 * MINUTE);
                            assertThat(m.endMillis()).isEqualTo(20 * MINUTE);
                            assertThat(m.detail()).contains("customer_id", "load_staging");
                        });
    }
}
