package io.dataspoke.health.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RollupSeries} and {@link LeastSquares}: a group's days, their change and trend. */
class HealthRollupSeriesTest {

    private static final LocalDate MAR_1 = LocalDate.parse("2024-03-01");

    /** Totals of the payments team on March {@code dayOfMonth}. */
    private static GroupDayTotals day(int dayOfMonth, int datasets, long scoreSum) {
        return new GroupDayTotals(
                GroupKind.TEAM,
                "payments",
                MAR_1.withDayOfMonth(dayOfMonth),
                datasets,
                scoreSum,
                datasets,
                datasets,
                0,
                datasets);
    }

    private static RollupRange march(int first, int last) {
        return new RollupRange(MAR_1.withDayOfMonth(first), MAR_1.withDayOfMonth(last));
    }

    /**
     * The payments team of HealthRollupJobITCase over March 1–10: means 50, 50, 43.33, 53.33,
     * 53.33, 50, 65, 80, 80, 80.
     */
    private static List<GroupDayTotals> payments() {
        return List.of(
                day(1, 2, 100),
                day(2, 2, 100),
                day(3, 3, 130),
                day(4, 3, 160),
                day(5, 3, 160),
                day(6, 2, 100),
                day(7, 2, 130),
                day(8, 2, 160),
                day(9, 2, 160),
                day(10, 2, 160));
    }

    @Test
    void eachDayHasItsCountMeanAndShares() {
        GroupDayTotals totals =
                new GroupDayTotals(
                        GroupKind.DOMAIN, "urn:li:domain:finance", MAR_1, 4, 250, 3, 4, 1, 2);

        assertThat(RollupSeries.rows(List.of(totals), march(1, 1)))
                .containsExactly(
                        new HealthRollupRow(
                                GroupKind.DOMAIN,
                                "urn:li:domain:finance",
                                MAR_1,
                                4,
                                62.5,
                                0.75,
                                1.0,
                                0.25,
                                0.5,
                                null,
                                null));
    }

    @Test
    void theWeekOverWeekChangeIsTheMeanMinusTheOneSevenDaysEarlier() {
        List<HealthRollupRow> rows = RollupSeries.rows(payments(), march(1, 10));

        assertThat(rows).extracting(HealthRollupRow::wowChange).hasSize(10);
        // Days 1-7 have no row seven days earlier.
        assertThat(rows.subList(0, 7)).extracting(HealthRollupRow::wowChange).containsOnlyNulls();
        assertThat(rows.get(7).wowChange()).isEqualTo(80.0 - 50.0); // 8th vs 1st
        assertThat(rows.get(8).wowChange()).isEqualTo(80.0 - 50.0); // 9th vs 2nd
        assertThat(rows.get(9).wowChange()).isCloseTo(80.0 - 130 / 3.0, within(1e-9)); // vs 3rd
    }

    @Test
    void aDayWithoutARowAWeekEarlierHasNoChange() {
        List<GroupDayTotals> totals = new ArrayList<>(payments());
        totals.remove(1); // no datasets on the 2nd

        List<HealthRollupRow> rows = RollupSeries.rows(totals, march(8, 10));

        assertThat(rows)
                .extracting(HealthRollupRow::wowChange)
                .containsExactly(30.0, null, 80.0 - 130 / 3.0);
    }

    @Test
    void theTrendIsTheLeastSquaresSlopeOverTheSevenDaysEndingOnTheDay() {
        List<HealthRollupRow> rows = RollupSeries.rows(payments(), march(1, 10));

        assertThat(rows.subList(0, 6)).extracting(HealthRollupRow::trendPerDay).containsOnlyNulls();
        // Days 1-7 at x = 0..6 around their mean x = 3: sum of (x - 3) * mean is
        // -3*50 - 2*50 - 1*130/3 + 0 + 1*160/3 + 2*50 + 3*65 = 55, over sum of (x - 3)^2 = 28.
        assertThat(rows.get(6).trendPerDay()).isCloseTo(55 / 28.0, within(1e-9));
        // Days 2-8: -3*50 - 2*130/3 - 1*160/3 + 0 + 1*50 + 2*65 + 3*80 = 130.
        assertThat(rows.get(7).trendPerDay()).isCloseTo(130 / 28.0, within(1e-9));
    }

    @Test
    void aSteadyClimbHasItsDailyStepAsTrendAndAFlatLineNone() {
        List<GroupDayTotals> climb = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            climb.add(day(d, 4, 4L * (40 + 3 * d)));
        }
        assertThat(RollupSeries.rows(climb, march(7, 7)).get(0).trendPerDay())
                .isCloseTo(3.0, within(1e-9));

        List<GroupDayTotals> flat = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            flat.add(day(d, 2, 150));
        }
        assertThat(RollupSeries.rows(flat, march(7, 7)).get(0).trendPerDay()).isZero();
    }

    @Test
    void aGapInTheWeekLeavesTheTrendNull() {
        List<GroupDayTotals> totals = new ArrayList<>(payments());
        totals.remove(4); // no datasets on the 5th

        List<HealthRollupRow> rows = RollupSeries.rows(totals, march(1, 10));

        // The weeks ending on the 7th to the 10th (1-7 ... 4-10) all hold the 5th.
        assertThat(rows).extracting(HealthRollupRow::day).doesNotContain(MAR_1.withDayOfMonth(5));
        assertThat(rows).extracting(HealthRollupRow::trendPerDay).containsOnlyNulls();
    }

    @Test
    void daysBeforeTheRangeFeedItsFirstDaysButGetNoRow() {
        List<HealthRollupRow> rows = RollupSeries.rows(payments(), march(8, 9));

        assertThat(rows)
                .extracting(HealthRollupRow::day)
                .containsExactly(MAR_1.withDayOfMonth(8), MAR_1.withDayOfMonth(9));
        assertThat(rows.get(0).wowChange()).isEqualTo(30.0);
        assertThat(rows.get(0).trendPerDay()).isCloseTo(130 / 28.0, within(1e-9));
        // The same figures as when the whole range is written: a day's row does not depend on it.
        assertThat(rows).isEqualTo(RollupSeries.rows(payments(), march(1, 10)).subList(7, 9));
    }

    @Test
    void totalsOfTwoGroupsOrTwiceTheSameDayAreRefused() {
        GroupDayTotals growth =
                new GroupDayTotals(GroupKind.TEAM, "growth", MAR_1, 1, 50, 1, 1, 1, 1);
        assertThatThrownBy(() -> RollupSeries.rows(List.of(day(1, 2, 100), growth), march(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one group");
        assertThatThrownBy(
                        () ->
                                RollupSeries.rows(
                                        List.of(day(1, 2, 100), day(1, 1, 50)), march(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two totals for team/payments@2024-03-01");
    }

    @Test
    void leastSquaresFitsTheLineThroughThePoints() {
        assertThat(LeastSquares.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}))
                .isEqualTo(2.0);
        // Scattered points (0,1) (1,0) (2,3) (3,2) -> slope 0.6
        // (sum (x-1.5)(y-1.5) = 3, sum (x-1.5)^2 = 5).
        assertThat(LeastSquares.slope(new double[] {0, 1, 2, 3}, new double[] {1, 0, 3, 2}))
                .isCloseTo(0.6, within(1e-12));
        assertThatThrownBy(() -> LeastSquares.slope(new double[] {2, 2}, new double[] {1, 5}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeastSquares.slope(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
