package io.dataspoke.health.rollup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Folds one dataset's health history into its state as of the end of each UTC day: the latest row
 * at or before the day's last instant. Days on which that row is a soft or hard delete, or that
 * come before the first row, give nothing: the dataset does not count then.
 */
public final class DailyAsOf {

    private DailyAsOf() {}

    /**
     * The dataset's state on each day from {@code first} to {@code last} (inclusive) on which it is
     * live, in day order.
     *
     * @param history rows of one dataset, in any order
     */
    public static List<DatasetDay> fold(
            Collection<HealthHistoryRow> history, LocalDate first, LocalDate last) {
        List<HealthHistoryRow> rows = new ArrayList<>(history);
        rows.sort(Comparator.comparingLong(HealthHistoryRow::evaluatedMillis));
        if (rows.stream().map(HealthHistoryRow::urn).distinct().count() > 1) {
            throw new IllegalArgumentException(
                    "history of more than one dataset: "
                            + rows.stream().map(HealthHistoryRow::urn).distinct().toList());
        }
        List<DatasetDay> days = new ArrayList<>();
        int next = 0;
        HealthHistoryRow current = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long end = RollupRange.endOf(day).toEpochMilli();
            while (next < rows.size() && rows.get(next).evaluatedMillis() < end) {
                current = rows.get(next++);
            }
            if (current != null && current.live()) {
                days.add(DatasetDay.of(current, day));
            }
        }
        return days;
    }
}
