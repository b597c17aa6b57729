package io.dataspoke.health.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DailyAsOf}: one dataset's history folded into its state at the end of each UTC day. */
class HealthRollupAsOfTest {

    private static final String URN = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final LocalDate MAR_1 = LocalDate.parse("2024-03-01");
    private static final LocalDate MAR_5 = LocalDate.parse("2024-03-05");

    static HealthHistoryRow row(String at, int score, String... rulesBroken) {
        return new HealthHistoryRow(
                URN,
                Instant.parse(at).toEpochMilli(),
                score,
                rulesBroken,
                new String[] {"urn:li:corpuser:alice"},
                "urn:li:domain:sales",
                false,
                false);
    }

    static HealthHistoryRow removed(String at, int score) {
        return new HealthHistoryRow(
                URN,
                Instant.parse(at).toEpochMilli(),
                score,
                new String[0],
                new String[] {"urn:li:corpuser:alice"},
                "urn:li:domain:sales",
                true,
                false);
    }

    static HealthHistoryRow hardDeleted(String at) {
        return new HealthHistoryRow(
                URN,
                Instant.parse(at).toEpochMilli(),
                null,
                new String[0],
                new String[0],
                null,
                true,
                true);
    }

    private static List<String> scores(List<DatasetDay> days) {
        return days.stream().map(d -> d.day().getDayOfMonth() + "=" + d.score()).toList();
    }

    @Test
    void eachDayTakesTheLatestRowAtOrBeforeItsLastInstant() {
        List<DatasetDay> days =
                DailyAsOf.fold(
                        List.of(
                                // Given out of order: the fold sorts by evaluation time.
                                row("2024-03-03T23:59:59.999Z", 70),
                                row("2024-03-02T08:00:00Z", 40),
                                row("2024-03-02T17:00:00Z", 50),
                                row("2024-03-05T00:00:00Z", 90)),
                        MAR_1,
                        MAR_5);

        // Nothing on the 1st (no row yet); the 2nd ends with the 17:00 row; the last millisecond
        // of the 3rd still belongs to the 3rd; midnight starts the 5th.
        assertThat(scores(days)).containsExactly("2=50", "3=70", "4=70", "5=90");
    }

    @Test
    void aSoftDeleteTakesTheDatasetOutUntilItIsRestored() {
        List<DatasetDay> days =
                DailyAsOf.fold(
                        List.of(
                                row("2024-03-01T10:00:00Z", 60),
                                removed("2024-03-02T10:00:00Z", 60),
                                row("2024-03-04T10:00:00Z", 65)),
                        MAR_1,
                        MAR_5);

        assertThat(scores(days)).containsExactly("1=60", "4=65", "5=65");
    }

    @Test
    void aHardDeleteTakesTheDatasetOutAndARecreationBringsItBack() {
        List<DatasetDay> days =
                DailyAsOf.fold(
                        List.of(
                                row("2024-03-01T10:00:00Z", 60),
                                hardDeleted("2024-03-03T00:00:00Z"),
                                row("2024-03-05T23:00:00Z", 30)),
                        MAR_1,
                        MAR_5);

        assertThat(scores(days)).containsExactly("1=60", "2=60", "5=30");
    }

    @Test
    void rowsBeforeTheFirstDayStillGiveItsState() {
        List<DatasetDay> days =
                DailyAsOf.fold(
                        List.of(row("2024-02-10T10:00:00Z", 80), row("2024-03-09T10:00:00Z", 10)),
                        MAR_1,
                        MAR_5);

        assertThat(scores(days)).containsExactly("1=80", "2=80", "3=80", "4=80", "5=80");
    }

    @Test
    void theReportedRulesAreReadFromTheRulesBroken() {
        DatasetDay day =
                DailyAsOf.fold(
                                List.of(
                                        row(
                                                "2024-03-01T10:00:00Z",
                                                35,
                                                "column-docs",
                                                "pii",
                                                "pii",
                                                "naming")),
                                MAR_1,
                                MAR_1)
                        .get(0);

        assertThat(day.described()).isTrue();
        assertThat(day.owned()).isTrue();
        assertThat(day.columnsDocumented()).isFalse();
        assertThat(day.piiClassified()).isFalse();
        assertThat(day.owners()).containsExactly("urn:li:corpuser:alice");
        assertThat(day.domain()).isEqualTo("urn:li:domain:sales");

        DatasetDay bare =
                DailyAsOf.fold(
                                List.of(row("2024-03-01T10:00:00Z", 0, "description", "ownership")),
                                MAR_1,
                                MAR_1)
                        .get(0);
        assertThat(bare.described()).isFalse();
        assertThat(bare.owned()).isFalse();
        assertThat(bare.columnsDocumented()).isTrue();
        assertThat(bare.piiClassified()).isTrue();
    }

    @Test
    void theHistoryOfTwoDatasetsIsRefused() {
        HealthHistoryRow other =
                new HealthHistoryRow(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,other,PROD)",
                        0,
                        50,
                        new String[0],
                        new String[0],
                        null,
                        false,
                        false);
        assertThatThrownBy(
                        () ->
                                DailyAsOf.fold(
                                        List.of(row("2024-03-01T10:00:00Z", 60), other),
                                        MAR_1,
                                        MAR_5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one dataset");
    }

    @Test
    void theRangeComputesAWeekBeforeItsFirstDayAndEndsAfterItsLast() {
        RollupRange range = new RollupRange(MAR_1, MAR_5);

        assertThat(range.firstComputedDay()).isEqualTo(LocalDate.parse("2024-02-23"));
        assertThat(range.end()).isEqualTo(Instant.parse("2024-03-06T00:00:00Z"));
        assertThat(range.contains(MAR_1)).isTrue();
        assertThat(range.contains(LocalDate.parse("2024-02-29"))).isFalse();
        assertThatThrownBy(() -> new RollupRange(MAR_5, MAR_1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2024-03-05 to 2024-03-01");
    }
}
