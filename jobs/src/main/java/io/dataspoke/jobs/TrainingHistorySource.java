package io.dataspoke.jobs;

import io.dataspoke.anomaly.training.Interval;
import io.dataspoke.anomaly.training.NormalMark;
import io.dataspoke.anomaly.training.TrainingInput;
import io.dataspoke.ingest.DatasetMetric;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.flink.connector.jdbc.core.datastream.source.JdbcSource;
import org.apache.flink.connector.jdbc.core.datastream.source.reader.extractor.ResultExtractor;

/**
 * Everything the anomaly-training job learns from, as one bounded stream read through the Flink
 * JDBC connector's {@link JdbcSource}: the profile and operation rows of {@code dataset_metrics},
 * each dataset's spans in {@code incidents}, and the windows of {@code anomaly_feedback} marked
 * normal. One statement reads all three, so they come from one snapshot of the database.
 */
public final class TrainingHistorySource {

    /**
     * The three tables in one column layout: kind, dataset, start, end, then the metrics row's own
     * columns and the marked metric. An incident spans every dataset it affects, from its opening
     * (or the dataset's joining, if that was earlier) to its resolution; NULL while open.
     */
    static final String SQL =
            """
            SELECT 'metric'               AS kind,
                   dataset_urn,
                   observed_at            AS starts_at,
                   NULL::TIMESTAMPTZ      AS ends_at,
                   source,
                   row_count,
                   column_count,
                   affected_rows,
                   operation_type,
                   null_counts::TEXT      AS null_counts,
                   NULL::TEXT             AS metric
            FROM   dataset_metrics
            WHERE  source IN ('datasetProfile', 'operation')
              AND  observed_at >= ? AND observed_at < ?
            UNION ALL
            SELECT 'incident', a ->> 'urn',
                   least(i.opened_at, (a ->> 'since')::TIMESTAMPTZ), i.resolved_at,
                   NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM   incidents i, jsonb_array_elements(i.affected) AS a
            WHERE  a ->> 'urn' IS NOT NULL
              AND  i.opened_at < ? AND (i.resolved_at IS NULL OR i.resolved_at > ?)
            UNION ALL
            SELECT 'normal', dataset_urn, window_start, window_end,
                   NULL, NULL, NULL, NULL, NULL, NULL, metric
            FROM   anomaly_feedback
            WHERE  verdict = 'normal'
            """;

    private TrainingHistorySource() {}

    /**
     * The metrics observed in {@code [from, until)}, the incidents overlapping that span and every
     * "normal" mark, once (a single split, in no set order).
     */
    public static JdbcSource<TrainingInput> between(
            PostgresOptions postgres, Instant from, Instant until) {
        OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        OffsetDateTime end = OffsetDateTime.ofInstant(until, ZoneOffset.UTC);
        return PostgresHistory.once(
                postgres,
                SQL,
                new Serializable[] {start, end, end, start},
                new InputExtractor(),
                TrainingInput.class);
    }

    /** One result row to a {@link TrainingInput}, in the column order of {@link #SQL}. */
    static final class InputExtractor implements ResultExtractor<TrainingInput> {

        private static final long serialVersionUID = 1L;

        @Override
        public TrainingInput extract(ResultSet rs) throws SQLException {
            String kind = rs.getString(1);
            String datasetUrn = rs.getString(2);
            long start = millis(rs, 3);
            OffsetDateTime end = rs.getObject(4, OffsetDateTime.class);
            return switch (kind) {
                case "metric" ->
                        TrainingInput.of(
                                new DatasetMetric(
                                        datasetUrn,
                                        start,
                                        rs.getString(5),
                                        longOrNull(rs, 6),
                                        intOrNull(rs, 7),
                                        longOrNull(rs, 8),
                                        rs.getString(9),
                                        rs.getString(10)));
                case "incident" ->
                        TrainingInput.incident(
                                datasetUrn,
                                new Interval(
                                        start,
                                        end == null
                                                ? Interval.OPEN
                                                : end.toInstant().toEpochMilli()));
                case "normal" ->
                        TrainingInput.normal(
                                datasetUrn,
                                new NormalMark(
                                        rs.getString(11),
                                        new Interval(start, end.toInstant().toEpochMilli())));
                default -> throw new SQLException("unexpected kind of training row: " + kind);
            };
        }

        private static long millis(ResultSet rs, int column) throws SQLException {
            return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
        }

        private static Long longOrNull(ResultSet rs, int column) throws SQLException {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : value;
        }

        private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
            int value = rs.getInt(column);
            return rs.wasNull() ? null : value;
        }
    }
}
