package io.dataspoke.functions;

import io.dataspoke.health.HealthReport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes a live dataset's report on only when its score differs from the last one passed, keyed by
 * URN: what is written back to DataHub changes only when the score does. A deleted dataset's state
 * is cleared.
 */
public class ScoreChangeFilter extends KeyedProcessFunction<String, HealthReport, HealthReport> {

    private transient ValueState<Integer> lastScore;

    @Override
    public void open(OpenContext openContext) {
        lastScore =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-score", Types.INT));
    }

    @Override
    public void processElement(HealthReport report, Context ctx, Collector<HealthReport> out)
            throws Exception {
        if (report.hardDeleted() || report.removed()) {
            lastScore.clear();
            return;
        }
        Integer last = lastScore.value();
        if (last == null || last != report.score()) {
            lastScore.update(report.score());
            out.collect(report);
        }
    }
}
