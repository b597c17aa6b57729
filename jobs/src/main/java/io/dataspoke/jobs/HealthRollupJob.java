package io.dataspoke.jobs;

import io.dataspoke.functions.HealthRollupFunctions;
import io.dataspoke.health.rollup.GroupDayTotals;
import io.dataspoke.health.rollup.HealthHistoryRow;
import io.dataspoke.health.rollup.HealthRollupRow;
import io.dataspoke.health.rollup.RollupGroups;
import io.dataspoke.health.rollup.RollupRange;
import io.dataspoke.sinks.postgres.PostgresOptions;
import io.dataspoke.sinks.postgres.PostgresSinks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code health-rollup} batch job: {@code dataset_health_history} from Postgres, the state of
 * every live dataset at the end of each UTC day, and per team and per domain the dataset count,
 * mean score, shares meeting the main rules, week-over-week change and 7-day trend, upserted into
 * {@code health_rollup}. See docs/health-rollup.md.
 */
public final class HealthRollupJob {

    public static final String NAME = "health-rollup";

    private static final Logger LOG = LoggerFactory.getLogger(HealthRollupJob.class);

    private HealthRollupJob() {}

    /**
     * The rollup rows of the days of {@code range} from {@code history}, which must hold every row
     * evaluated before the end of the range (earlier rows give the state on its first days).
     *
     * @param teamByOwner owner URN (user or group) to team name
     */
    public static DataStream<HealthRollupRow> build(
            DataStream<HealthHistoryRow> history,
            Map<String, String> teamByOwner,
            RollupRange range) {
        return history.keyBy(HealthHistoryRow::urn)
                .fullWindowPartition()
                .mapPartition(new HealthRollupFunctions.AsOfEachDay(range))
                .uid("dataset-days")
                .name("State of each dataset at the end of each day")
                .flatMap(new HealthRollupFunctions.IntoGroups(new RollupGroups(teamByOwner)))
                .uid("group-contributions")
                .name("Teams and domain of each dataset")
                .keyBy(GroupDayTotals::dayKey)
                .fullWindowPartition()
                .reduce(new HealthRollupFunctions.SumTotals())
                .uid("group-day-totals")
                .name("Totals per group and day")
                .keyBy(GroupDayTotals::groupKey)
                .fullWindowPartition()
                .mapPartition(new HealthRollupFunctions.Series(range))
                .uid("group-series")
                .name("Change and trend per group");
    }

    /** The whole job: the history source, {@link #build}, and the Postgres sink. */
    public static DataStream<HealthRollupRow> wire(
            StreamExecutionEnvironment env,
            Source<HealthHistoryRow, ?, ?> history,
            Map<String, String> teamByOwner,
            RollupRange range,
            PostgresOptions postgres) {
        // No event time: the days come from the rows' evaluation times, and every keyed step
        // collects its whole key before it runs.
        DataStream<HealthHistoryRow> rows =
                env.fromSource(
                                history,
                                WatermarkStrategy.noWatermarks(),
                                "Postgres: dataset_health_history")
                        .uid("history-source");
        DataStream<HealthRollupRow> rollup = build(rows, teamByOwner, range);
        rollup.sinkTo(PostgresSinks.healthRollup(postgres))
                .uid("health-rollup-sink")
                .name("Postgres: health_rollup");
        return rollup;
    }

    /**
     * Runs the rollup on {@code env} in batch mode and waits for it to finish.
     *
     * @param from first day to write; null for the day of the first history row
     * @param to last day to write; null for the day of the last history row
     * @throws IllegalStateException when a day is left out and the history is empty
     */
    public static JobExecutionResult run(
            StreamExecutionEnvironment env,
            PostgresOptions postgres,
            Map<String, String> teamByOwner,
            LocalDate from,
            LocalDate to)
            throws Exception {
        RollupRange range = range(postgres, from, to);
        env.configure(settings());
        wire(env, HealthHistorySource.until(postgres, range.end()), teamByOwner, range, postgres);
        LOG.info(
                "Rolling up documentation health per team and domain from {} to {} ({} owners in"
                        + " the team map)",
                range.from(),
                range.to(),
                teamByOwner.size());
        return env.execute(NAME);
    }

    /** Batch execution, and no silent Kryo fallback. */
    public static Configuration settings() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * The days to write: {@code from} and {@code to}, either one defaulting to the UTC day of the
     * first or last row of {@code dataset_health_history}.
     */
    public static RollupRange range(PostgresOptions postgres, LocalDate from, LocalDate to)
            throws SQLException {
        if (from != null && to != null) {
            return new RollupRange(from, to);
        }
        try (Connection c = postgres.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT min(evaluated_at), max(evaluated_at)"
                                        + " FROM dataset_health_history")) {
            rs.next();
            OffsetDateTime first = rs.getObject(1, OffsetDateTime.class);
            OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
            if (first == null) {
                throw new IllegalStateException(
                        "dataset_health_history is empty, so there are no days to default the"
                                + " rollup range to; run metadata-health first or give both days");
            }
            return new RollupRange(
                    from != null ? from : utcDay(first), to != null ? to : utcDay(last));
        }
    }

    private static LocalDate utcDay(OffsetDateTime time) {
        return time.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }
}
