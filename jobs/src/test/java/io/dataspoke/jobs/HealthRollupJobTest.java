package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.health.rollup.GroupKind;
import io.dataspoke.health.rollup.HealthHistoryRow;
import io.dataspoke.health.rollup.HealthRollupRow;
import io.dataspoke.health.rollup.RollupGroups;
import io.dataspoke.health.rollup.RollupRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HealthRollupJob#build} on a bounded in-memory history, in batch mode on a MiniCluster with
 * two parallel tasks: the wiring from history rows to rollup rows, without Postgres.
 */
class HealthRollupJobTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String ALICE = "urn:li:corpuser:alice";
    private static final String FINANCE = "urn:li:domain:finance";
    private static final String X = "urn:li:dataset:(urn:li:dataPlatform:hive,x,PROD)";
    private static final String Y = "urn:li:dataset:(urn:li:dataPlatform:hive,y,PROD)";

    private static HealthHistoryRow row(
            String urn, String at, int score, String domain, boolean removed, String... rules) {
        return new HealthHistoryRow(
                urn,
                Instant.parse(at).toEpochMilli(),
                score,
                rules,
                new String[] {ALICE},
                domain,
                removed,
                false);
    }

    private static LocalDate march(int day) {
        return LocalDate.of(2024, 3, day);
    }

    private static HealthRollupRow expected(
            GroupKind kind, String group, int day, int datasets, double mean, double described) {
        return new HealthRollupRow(
                kind, group, march(day), datasets, mean, described, 1.0, 1.0, 1.0, null, null);
    }

    @Test
    void rollsUpABoundedHistoryPerTeamDomainAndDay() throws Exception {
        // x (alice, finance): 50 without a description on the 1st, removed on the 3rd.
        // y (alice, no domain): 80 from the 2nd.
        List<HealthHistoryRow> history =
                List.of(
                        row(X, "2024-03-01T10:00:00Z", 50, FINANCE, false, "description"),
                        row(Y, "2024-03-02T10:00:00Z", 80, null, false),
                        row(X, "2024-03-03T10:00:00Z", 50, FINANCE, true, "description"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(HealthRollupJob.settings());
        env.setParallelism(2);
        List<HealthRollupRow> rows = new ArrayList<>();
        try (CloseableIterator<HealthRollupRow> out =
                HealthRollupJob.build(
                                env.fromData(history),
                                Map.of(ALICE, "payments"),
                                new RollupRange(march(1), march(3)))
                        .executeAndCollect("health-rollup-test")) {
            out.forEachRemaining(rows::add);
        }
        rows.sort(
                Comparator.comparing(HealthRollupRow::kind)
                        .thenComparing(HealthRollupRow::group)
                        .thenComparing(HealthRollupRow::day));

        assertThat(rows)
                .containsExactly(
                        expected(GroupKind.TEAM, "payments", 1, 1, 50, 0),
                        expected(GroupKind.TEAM, "payments", 2, 2, 65, 0.5),
                        expected(GroupKind.TEAM, "payments", 3, 1, 80, 1),
                        expected(GroupKind.DOMAIN, RollupGroups.NO_DOMAIN, 2, 1, 80, 1),
                        expected(GroupKind.DOMAIN, RollupGroups.NO_DOMAIN, 3, 1, 80, 1),
                        expected(GroupKind.DOMAIN, FINANCE, 1, 1, 50, 0),
                        expected(GroupKind.DOMAIN, FINANCE, 2, 1, 50, 0));
    }

    @Test
    void theTeamLeagueAndTheRollupNameTheOwnerlessTeamAlike() {
        assertThat(RollupGroups.NO_TEAM).isEqualTo(TeamLeague.NO_TEAM);
    }
}
