package io.dataspoke.functions;

import io.dataspoke.health.HealthReport;
import io.dataspoke.health.OwnedReport;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Addresses each dataset's health report to its owners, keyed by dataset URN. It remembers who
 * owned the dataset, so an owner who was removed (or a dataset that was deleted) gets a report
 * marked not owned, and drops the dataset from their digest.
 */
public class OwnerFanOutFunction extends KeyedProcessFunction<String, HealthReport, OwnedReport> {

    private transient ValueState<String[]> lastOwners;

    @Override
    public void open(OpenContext openContext) {
        lastOwners =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-owners", Types.OBJECT_ARRAY(Types.STRING)));
    }

    @Override
    public void processElement(HealthReport report, Context ctx, Collector<OwnedReport> out)
            throws Exception {
        String[] owners =
                report.hardDeleted() || report.removed() ? new String[0] : report.owners();
        Set<String> current = Set.of(owners);
        for (String owner : current) {
            out.collect(new OwnedReport(owner, true, report));
        }
        String[] before = lastOwners.value();
        if (before != null) {
            for (String owner : before) {
                if (!current.contains(owner)) {
                    out.collect(new OwnedReport(owner, false, report));
                }
            }
        }
        if (owners.length == 0) {
            lastOwners.clear();
        } else {
            lastOwners.update(current.toArray(new String[0]));
        }
    }
}
