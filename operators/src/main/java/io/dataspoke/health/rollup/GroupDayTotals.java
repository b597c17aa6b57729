package io.dataspoke.health.rollup;

import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What a group's live datasets add up to on one day: how many, their score sum, and how many meet
 * each reported rule. Totals of the same group and day combine with {@link #plus}, in any order and
 * with exact integer sums, so partial sums from parallel tasks give the same result.
 */
public record GroupDayTotals(
        GroupKind kind,
        String group,
        @TypeInfo(LocalDateTypeInfo.class) LocalDate day,
        int datasets,
        long scoreSum,
        int described,
        int owned,
        int columnsDocumented,
        int piiClassified) {

    /** The contribution of one dataset to {@code group}. */
    public static GroupDayTotals of(GroupKind kind, String group, DatasetDay d) {
        return new GroupDayTotals(
                kind,
                group,
                d.day(),
                1,
                d.score(),
                d.described() ? 1 : 0,
                d.owned() ? 1 : 0,
                d.columnsDocumented() ? 1 : 0,
                d.piiClassified() ? 1 : 0);
    }

    /** Both totals together; they must be of the same group and day. */
    public GroupDayTotals plus(GroupDayTotals other) {
        if (kind != other.kind || !group.equals(other.group) || !day.equals(other.day)) {
            throw new IllegalArgumentException(
                    "cannot add the totals of " + other.dayKey() + " to " + dayKey());
        }
        return new GroupDayTotals(
                kind,
                group,
                day,
                datasets + other.datasets,
                scoreSum + other.scoreSum,
                described + other.described,
                owned + other.owned,
                columnsDocumented + other.columnsDocumented,
                piiClassified + other.piiClassified);
    }

    /** Identifies the group (a key across days). */
    public String groupKey() {
        // Kinds are a fixed set of names without '/', so the group name can hold anything.
        return kind.sqlName() + "/" + group;
    }

    /** Identifies the group and the day. */
    public String dayKey() {
        return groupKey() + "@" + day;
    }

    /** The mean score of the group's datasets. */
    public double meanScore() {
        return (double) scoreSum / datasets;
    }

    /** {@code count} as a share of the group's datasets, 0–1. */
    double share(int count) {
        return (double) count / datasets;
    }
}
