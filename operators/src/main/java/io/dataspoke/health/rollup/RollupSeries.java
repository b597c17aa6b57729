package io.dataspoke.health.rollup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns one group's daily totals into its rollup rows: the day's figures, the change of the mean
 * score against 7 days earlier, and its trend, the least-squares slope over the 7 days ending on
 * the day. Days without totals (the group had no live dataset) have no row and leave the change and
 * trend of the days that would use them null.
 */
public final class RollupSeries {

    /** The length of the week the change and the trend look back over, in days. */
    public static final int WEEK = 7;

    private RollupSeries() {}

    /**
     * The group's rows on the days of {@code range} it has totals for, in day order.
     *
     * @param totals the group's totals, one per day, in any order; days before the range feed the
     *     change and trend of the first days in it
     */
    public static List<HealthRollupRow> rows(Collection<GroupDayTotals> totals, RollupRange range) {
        TreeMap<LocalDate, GroupDayTotals> byDay = new TreeMap<>();
        String group = null;
        for (GroupDayTotals t : totals) {
            group = group == null ? t.groupKey() : group;
            if (!t.groupKey().equals(group)) {
                throw new IllegalArgumentException(
                        "totals of more than one group: " + group + ", " + t.groupKey());
            }
            if (byDay.putIfAbsent(t.day(), t) != null) {
                throw new IllegalArgumentException("two totals for " + t.dayKey());
            }
        }
        List<HealthRollupRow> rows = new ArrayList<>();
        for (GroupDayTotals t : byDay.subMap(range.from(), true, range.to(), true).values()) {
            GroupDayTotals weekBefore = byDay.get(t.day().minusDays(WEEK));
            rows.add(
                    new HealthRollupRow(
                            t.kind(),
                            t.group(),
                            t.day(),
                            t.datasets(),
                            t.meanScore(),
                            t.share(t.described()),
                            t.share(t.owned()),
                            t.share(t.columnsDocumented()),
                            t.share(t.piiClassified()),
                            weekBefore == null ? null : t.meanScore() - weekBefore.meanScore(),
                            trend(byDay, t.day())));
        }
        return rows;
    }

    /** The slope of the mean score over the week ending on {@code day}; null with a gap in it. */
    private static Double trend(TreeMap<LocalDate, GroupDayTotals> byDay, LocalDate day) {
        LocalDate start = day.minusDays(WEEK - 1);
        Collection<GroupDayTotals> week = byDay.subMap(start, true, day, true).values();
        if (week.size() < WEEK) {
            return null;
        }
        double[] x = new double[WEEK];
        double[] y = new double[WEEK];
        int i = 0;
        for (GroupDayTotals t : week) {
            x[i] = ChronoUnit.DAYS.between(start, t.day());
            y[i] = t.meanScore();
            i++;
        }
        return LeastSquares.slope(x, y);
    }
}
