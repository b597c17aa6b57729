package io.dataspoke.functions;

import io.dataspoke.health.rollup.DailyAsOf;
import io.dataspoke.health.rollup.DatasetDay;
import io.dataspoke.health.rollup.GroupDayTotals;
import io.dataspoke.health.rollup.HealthHistoryRow;
import io.dataspoke.health.rollup.HealthRollupRow;
import io.dataspoke.health.rollup.RollupGroups;
import io.dataspoke.health.rollup.RollupRange;
import io.dataspoke.health.rollup.RollupSeries;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.util.Collector;

/**
 * The Flink functions of the health rollup, each a thin shell around the plain-Java step it runs:
 * {@link DailyAsOf}, {@link RollupGroups}, {@link GroupDayTotals#plus} and {@link RollupSeries}.
 */
public final class HealthRollupFunctions {

    private HealthRollupFunctions() {}

    /** All the history of one dataset (a keyed full-window partition) to its state on each day. */
    public static class AsOfEachDay implements MapPartitionFunction<HealthHistoryRow, DatasetDay> {

        private final RollupRange range;

        public AsOfEachDay(RollupRange range) {
            this.range = range;
        }

        @Override
        public void mapPartition(Iterable<HealthHistoryRow> history, Collector<DatasetDay> out) {
            DailyAsOf.fold(list(history), range.firstComputedDay(), range.to())
                    .forEach(out::collect);
        }
    }

    /** A dataset's day to what it adds to each of its teams and its domain. */
    public static class IntoGroups implements FlatMapFunction<DatasetDay, GroupDayTotals> {

        private final RollupGroups groups;

        public IntoGroups(RollupGroups groups) {
            this.groups = groups;
        }

        @Override
        public void flatMap(DatasetDay day, Collector<GroupDayTotals> out) {
            groups.contributions(day).forEach(out::collect);
        }
    }

    /** Adds up the totals of one group and day. */
    public static class SumTotals implements ReduceFunction<GroupDayTotals> {
        @Override
        public GroupDayTotals reduce(GroupDayTotals a, GroupDayTotals b) {
            return a.plus(b);
        }
    }

    /** All the daily totals of one group (a keyed full-window partition) to its rollup rows. */
    public static class Series implements MapPartitionFunction<GroupDayTotals, HealthRollupRow> {

        private final RollupRange range;

        public Series(RollupRange range) {
            this.range = range;
        }

        @Override
        public void mapPartition(Iterable<GroupDayTotals> totals, Collector<HealthRollupRow> out) {
            RollupSeries.rows(list(totals), range).forEach(out::collect);
        }
    }

    private static <T> List<T> list(Iterable<T> values) {
        List<T> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
