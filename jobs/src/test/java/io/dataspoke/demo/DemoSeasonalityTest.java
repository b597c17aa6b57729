package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.demo.DemoFixtures.Mcl;
import io.dataspoke.demo.GroundTruth.Cadence;
import io.dataspoke.demo.GroundTruth.Dataset;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoSeasonalityTest {

    private final GroundTruth truth = DemoFixtures.defaultHistory().groundTruth();

    @Test
    void saturdaysOfACleanHourlyDatasetAreMeasurablyQuieterThanWeekdays() {
        for (Dataset control : hourlyControls()) {
            Map<DayOfWeek, double[]> byDay = new TreeMap<>();
            for (Mcl p : profiles(control)) {
                DayOfWeek day = LocalDate.parse(partition(p).substring(3, 13)).getDayOfWeek();
                double[] sum = byDay.computeIfAbsent(day, k -> new double[2]);
                sum[0] += p.aspect().path("rowCount").asLong();
                sum[1]++;
            }
            double weekday = 0;
            for (DayOfWeek d :
                    List.of(
                            DayOfWeek.MONDAY,
                            DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY,
                            DayOfWeek.THURSDAY,
                            DayOfWeek.FRIDAY)) {
                weekday += byDay.get(d)[0] / byDay.get(d)[1] / 5;
            }
            double saturday = byDay.get(DayOfWeek.SATURDAY)[0] / byDay.get(DayOfWeek.SATURDAY)[1];
            assertThat(saturday / weekday)
                    .as("Saturday over weekday mean of %s", control.name())
                    .isLessThan(0.9);
        }
    }

    @Test
    void businessHoursOfACleanHourlyDatasetCarryMoreRowsThanTheNight() {
        for (Dataset control : hourlyControls()) {
            int offset =
                    truth.teams().stream()
                                    .filter(t -> t.name().equals(control.team()))
                                    .findFirst()
                                    .orElseThrow()
                                    .timezone()
                                    .equals("Asia/Seoul")
                            ? 9
                            : 0;
            double[] sum = new double[24];
            int[] n = new int[24];
            for (Mcl p : profiles(control)) {
                int utcHour = Integer.parseInt(partition(p).substring(17, 19));
                int local = (utcHour + offset) % 24;
                sum[local] += p.aspect().path("rowCount").asLong();
                n[local]++;
            }
            double business = mean(sum, n, 10, 16);
            double night = mean(sum, n, 1, 4);
            assertThat(business / night)
                    .as("business hours over night of %s", control.name())
                    .isGreaterThan(2.0);
            // The profile rises through the morning rather than jumping.
            assertThat(mean(sum, n, 6, 6)).isLessThan(mean(sum, n, 9, 9));
        }
    }

    @Test
    void dailyLoadsFollowTheWeekOfTheDataTheyCover() {
        Dataset daily =
                truth.controls().stream()
                        .map(u -> truth.dataset(u).orElseThrow())
                        .filter(d -> d.cadence() == Cadence.DAILY)
                        .findFirst()
                        .orElseThrow();
        double weekend = 0;
        double weekdays = 0;
        int nw = 0;
        int nd = 0;
        for (Mcl p : profiles(daily)) {
            DayOfWeek covered = LocalDate.parse(partition(p).substring(3, 13)).getDayOfWeek();
            long rows = p.aspect().path("rowCount").asLong();
            if (covered == DayOfWeek.SATURDAY || covered == DayOfWeek.SUNDAY) {
                weekend += rows;
                nw++;
            } else {
                weekdays += rows;
                nd++;
            }
        }
        assertThat(profiles(daily)).hasSize(28);
        assertThat((weekend / nw) / (weekdays / nd)).isLessThan(0.9);
    }

    private List<Dataset> hourlyControls() {
        List<Dataset> hourly =
                truth.controls().stream()
                        .map(u -> truth.dataset(u).orElseThrow())
                        .filter(d -> d.cadence() == Cadence.HOURLY)
                        .toList();
        assertThat(hourly).isNotEmpty();
        return hourly;
    }

    private static List<Mcl> profiles(Dataset d) {
        return DemoFixtures.events().timeseries(d.urn(), "datasetProfile");
    }

    private static String partition(Mcl profile) {
        return profile.aspect().path("partitionSpec").path("partition").asText();
    }

    private static double mean(double[] sum, int[] n, int fromHour, int toHour) {
        double s = 0;
        int c = 0;
        for (int h = fromHour; h <= toHour; h++) {
            s += sum[h];
            c += n[h];
        }
        return s / c;
    }
}
