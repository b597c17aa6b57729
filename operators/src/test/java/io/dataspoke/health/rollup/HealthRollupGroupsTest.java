package io.dataspoke.health.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RollupGroups} and {@link GroupDayTotals}: which groups a dataset counts in, and sums. */
class HealthRollupGroupsTest {

    private static final LocalDate DAY = LocalDate.parse("2024-03-01");
    private static final String ALICE = "urn:li:corpuser:alice";
    private static final String BOB = "urn:li:corpuser:bob";
    private static final String PAYMENTS = "urn:li:corpGroup:payments";

    private static final RollupGroups GROUPS =
            new RollupGroups(Map.of(ALICE, "payments", PAYMENTS, "payments", BOB, "growth"));

    private static DatasetDay dataset(int score, String domain, String... owners) {
        return new DatasetDay(
                "urn:li:dataset:(urn:li:dataPlatform:hive,t" + score + ",PROD)",
                DAY,
                score,
                true,
                score > 50,
                false,
                true,
                owners,
                domain);
    }

    private static List<String> keys(DatasetDay d) {
        return GROUPS.contributions(d).stream().map(GroupDayTotals::dayKey).toList();
    }

    @Test
    void aDatasetCountsOnceInEachTeamOfItsOwnersAndInItsDomain() {
        assertThat(keys(dataset(60, "urn:li:domain:finance", ALICE, PAYMENTS)))
                .containsExactly(
                        "team/payments@2024-03-01", "domain/urn:li:domain:finance@2024-03-01");
        assertThat(keys(dataset(60, "urn:li:domain:finance", BOB, "urn:li:corpuser:carol", ALICE)))
                .containsExactly(
                        "team/growth@2024-03-01",
                        "team/payments@2024-03-01",
                        "domain/urn:li:domain:finance@2024-03-01");
    }

    @Test
    void unmappedOwnersAndMissingDomainsHaveTheirOwnGroups() {
        assertThat(keys(dataset(60, null, "urn:li:corpuser:carol")))
                .containsExactly(
                        "team/(no owning team)@2024-03-01", "domain/(no domain)@2024-03-01");
        assertThat(keys(dataset(60, "", new String[0])))
                .containsExactly(
                        "team/(no owning team)@2024-03-01", "domain/(no domain)@2024-03-01");
    }

    @Test
    void totalsOfOneGroupAndDayAddUp() {
        GroupDayTotals a = GroupDayTotals.of(GroupKind.TEAM, "payments", dataset(40, null, ALICE));
        GroupDayTotals b = GroupDayTotals.of(GroupKind.TEAM, "payments", dataset(75, null, ALICE));
        GroupDayTotals c = GroupDayTotals.of(GroupKind.TEAM, "payments", dataset(90, null, ALICE));

        GroupDayTotals sum = a.plus(b).plus(c);

        assertThat(sum)
                .isEqualTo(new GroupDayTotals(GroupKind.TEAM, "payments", DAY, 3, 205, 3, 2, 0, 3));
        assertThat(sum).isEqualTo(c.plus(a.plus(b)));
        assertThat(sum.meanScore()).isEqualTo(205 / 3.0);
    }

    @Test
    void totalsOfDifferentGroupsOrDaysDoNotAdd() {
        GroupDayTotals team = GroupDayTotals.of(GroupKind.TEAM, "payments", dataset(40, null));
        GroupDayTotals domain = GroupDayTotals.of(GroupKind.DOMAIN, "payments", dataset(40, null));
        GroupDayTotals nextDay =
                new GroupDayTotals(GroupKind.TEAM, "payments", DAY.plusDays(1), 1, 40, 1, 0, 0, 1);

        assertThatThrownBy(() -> team.plus(domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain/payments@2024-03-01");
        assertThatThrownBy(() -> team.plus(nextDay)).isInstanceOf(IllegalArgumentException.class);
    }
}
