package io.dataspoke.sinks.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.event.DeadLetter;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.RunDataset;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.OwnerDigest;
import io.dataspoke.health.rollup.HealthRollupRow;
import io.dataspoke.ingest.DatasetMetric;
import io.dataspoke.ingest.EntitySnapshot;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The foundation's Postgres sinks, built on the Flink JDBC connector. Every statement is an upsert
 * (or delete) on the table's primary key, so at-least-once delivery and replays after a restore
 * leave the same rows as a single clean run.
 */
public final class PostgresSinks {

    /**
     * One statement both upserts and hard-deletes, so changes to one entity reach the table in
     * order: the CTE deletes when the last parameter is true, the INSERT runs only when it is
     * false.
     */
    static final String ENTITIES_SQL =
            """
            WITH hard_delete AS (
                DELETE FROM entities WHERE urn = ? AND ?
            )
            INSERT INTO entities (urn, entity_type, aspects, removed, last_change_at, change_count)
            SELECT ?, ?, ?::jsonb, ?, ?, ?
            WHERE NOT ?
            ON CONFLICT (urn) DO UPDATE SET
                entity_type    = EXCLUDED.entity_type,
                aspects        = EXCLUDED.aspects,
                removed        = EXCLUDED.removed,
                last_change_at = EXCLUDED.last_change_at,
                change_count   = EXCLUDED.change_count
            """;

    static final String METRICS_SQL =
            """
            INSERT INTO dataset_metrics (dataset_urn, observed_at, source, row_count, column_count,
                                         affected_rows, operation_type, null_counts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (dataset_urn, observed_at, source) DO UPDATE SET
                row_count      = EXCLUDED.row_count,
                column_count   = EXCLUDED.column_count,
                affected_rows  = EXCLUDED.affected_rows,
                operation_type = EXCLUDED.operation_type,
                null_counts    = EXCLUDED.null_counts
            """;

    static final String RUNS_SQL =
            """
            INSERT INTO pipeline_runs (run_id, event_type, event_time, job_namespace, job_name,
                                       inputs, outputs, error_message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id, event_type) DO UPDATE SET
                event_time    = EXCLUDED.event_time,
                job_namespace = EXCLUDED.job_namespace,
                job_name      = EXCLUDED.job_name,
                inputs        = EXCLUDED.inputs,
                outputs       = EXCLUDED.outputs,
                error_message = EXCLUDED.error_message
            """;

    static final String DEAD_LETTERS_SQL =
            """
            INSERT INTO dead_letters (topic, kafka_partition, kafka_offset, record_time,
                                      record_key, record_value, error)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (topic, kafka_partition, kafka_offset) DO UPDATE SET
                error = EXCLUDED.error
            """;

    /** Upserts a dataset's current health; deletes the row when the dataset was hard-deleted. */
    static final String HEALTH_SQL =
            """
            WITH hard_delete AS (
                DELETE FROM dataset_health WHERE urn = ? AND ?
            )
            INSERT INTO dataset_health (urn, platform, name, score, violations, rules_broken,
                                        owners, domain, removed, evaluated_at)
            SELECT ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?
            WHERE NOT ?
            ON CONFLICT (urn) DO UPDATE SET
                platform     = EXCLUDED.platform,
                name         = EXCLUDED.name,
                score        = EXCLUDED.score,
                violations   = EXCLUDED.violations,
                rules_broken = EXCLUDED.rules_broken,
                owners       = EXCLUDED.owners,
                domain       = EXCLUDED.domain,
                removed      = EXCLUDED.removed,
                evaluated_at = EXCLUDED.evaluated_at
            WHERE dataset_health.evaluated_at <= EXCLUDED.evaluated_at
            """;

    static final String HEALTH_HISTORY_SQL =
            """
            INSERT INTO dataset_health_history (urn, evaluated_at, score, violations, rules_broken,
                                                owners, domain, removed, hard_deleted)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT (urn, evaluated_at) DO UPDATE SET
                score        = EXCLUDED.score,
                violations   = EXCLUDED.violations,
                rules_broken = EXCLUDED.rules_broken,
                owners       = EXCLUDED.owners,
                domain       = EXCLUDED.domain,
                removed      = EXCLUDED.removed,
                hard_deleted = EXCLUDED.hard_deleted
            """;

    static final String OWNER_DIGESTS_SQL =
            """
            INSERT INTO owner_digests (digest_key, owner, period_end, datasets, entries)
            VALUES (?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (digest_key) DO UPDATE SET
                datasets = EXCLUDED.datasets,
                entries  = EXCLUDED.entries
            """;

    /** Upserts a group's day: a rerun of the rollup over the same days rewrites the same rows. */
    static final String HEALTH_ROLLUP_SQL =
            """
            INSERT INTO health_rollup (group_kind, group_name, day, datasets, mean_score,
                                       described, owned, columns_documented, pii_classified,
                                       wow_change, trend_per_day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (group_kind, group_name, day) DO UPDATE SET
                datasets           = EXCLUDED.datasets,
                mean_score         = EXCLUDED.mean_score,
                described          = EXCLUDED.described,
                owned              = EXCLUDED.owned,
                columns_documented = EXCLUDED.columns_documented,
                pii_classified     = EXCLUDED.pii_classified,
                wow_change         = EXCLUDED.wow_change,
                trend_per_day      = EXCLUDED.trend_per_day
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows per JDBC batch when events arrive faster than the interval flushes them. */
    static final int BATCH_SIZE = 1000;

    /**
     * A row waits at most this long in a writer before it is flushed; it bounds how stale Postgres
     * is behind Kafka when traffic is light (see docs/benchmarks.md for the latency).
     */
    static final long BATCH_INTERVAL_MS = 50;

    private PostgresSinks() {}

    /** Upserts entity snapshots and deletes hard-deleted entities. */
    public static JdbcSink<EntitySnapshot> entities(PostgresOptions options) {
        return sink(ENTITIES_SQL, PostgresSinks::bindEntity, options);
    }

    /** Upserts dataset metrics. */
    public static JdbcSink<DatasetMetric> metrics(PostgresOptions options) {
        return sink(METRICS_SQL, PostgresSinks::bindMetric, options);
    }

    /** Upserts pipeline run events. */
    public static JdbcSink<PipelineRun> pipelineRuns(PostgresOptions options) {
        return sink(RUNS_SQL, PostgresSinks::bindRun, options);
    }

    /** Records dead letters; the same record dead-lettered twice keeps one row. */
    public static JdbcSink<DeadLetter> deadLetters(PostgresOptions options) {
        return sink(DEAD_LETTERS_SQL, PostgresSinks::bindDeadLetter, options);
    }

    /** Keeps {@code dataset_health} current: upserts, and deletes hard-deleted datasets. */
    public static JdbcSink<HealthReport> health(PostgresOptions options) {
        return sink(HEALTH_SQL, PostgresSinks::bindHealth, options);
    }

    /** Appends each change of health outcome to {@code dataset_health_history}. */
    public static JdbcSink<HealthReport> healthHistory(PostgresOptions options) {
        return sink(HEALTH_HISTORY_SQL, PostgresSinks::bindHealthHistory, options);
    }

    /** Records each owner digest composed, keyed by its digest key. */
    public static JdbcSink<OwnerDigest> ownerDigests(PostgresOptions options) {
        return sink(OWNER_DIGESTS_SQL, PostgresSinks::bindOwnerDigest, options);
    }

    /** Upserts the per-team and per-domain rows of the health rollup. */
    public static JdbcSink<HealthRollupRow> healthRollup(PostgresOptions options) {
        return sink(HEALTH_ROLLUP_SQL, PostgresSinks::bindHealthRollup, options);
    }

    static <T> JdbcSink<T> sink(
            String sql, JdbcStatementBuilder<T> binder, PostgresOptions options) {
        return JdbcSink.<T>builder()
                .withQueryStatement(sql, binder)
                .withExecutionOptions(
                        JdbcExecutionOptions.builder()
                                .withBatchSize(BATCH_SIZE)
                                .withBatchIntervalMs(BATCH_INTERVAL_MS)
                                .withMaxRetries(5)
                                .build())
                .buildAtLeastOnce(options.connection());
    }

    static void bindEntity(PreparedStatement ps, EntitySnapshot e) throws SQLException {
        ps.setString(1, e.urn());
        ps.setBoolean(2, e.hardDeleted());
        ps.setString(3, e.urn());
        ps.setString(4, e.entityType());
        ps.setString(5, e.aspectsJson());
        ps.setBoolean(6, e.removed());
        ps.setObject(7, time(e.lastChangeMillis()));
        ps.setLong(8, e.changeCount());
        ps.setBoolean(9, e.hardDeleted());
    }

    static void bindMetric(PreparedStatement ps, DatasetMetric m) throws SQLException {
        ps.setString(1, m.datasetUrn());
        ps.setObject(2, time(m.observedMillis()));
        ps.setString(3, m.source());
        setLong(ps, 4, m.rowCount());
        if (m.columnCount() == null) {
            ps.setNull(5, Types.INTEGER);
        } else {
            ps.setInt(5, m.columnCount());
        }
        setLong(ps, 6, m.affectedRows());
        ps.setString(7, m.operationType());
        ps.setString(8, m.nullCountsJson());
    }

    static void bindRun(PreparedStatement ps, PipelineRun r) throws SQLException {
        ps.setString(1, r.runId());
        ps.setString(2, r.eventType());
        ps.setObject(3, time(r.eventMillis()));
        ps.setString(4, r.jobNamespace());
        ps.setString(5, r.jobName());
        ps.setArray(6, ps.getConnection().createArrayOf("text", urns(r.inputs())));
        ps.setArray(7, ps.getConnection().createArrayOf("text", urns(r.outputs())));
        ps.setString(8, r.errorMessage());
    }

    static void bindDeadLetter(PreparedStatement ps, DeadLetter d) throws SQLException {
        ps.setString(1, d.topic());
        ps.setInt(2, d.partition());
        ps.setLong(3, d.offset());
        ps.setObject(4, time(d.recordTimestamp()));
        ps.setBytes(5, d.key());
        ps.setBytes(6, d.value());
        ps.setString(7, d.error());
    }

    static void bindHealth(PreparedStatement ps, HealthReport h) throws SQLException {
        ps.setString(1, h.urn());
        ps.setBoolean(2, h.hardDeleted());
        ps.setString(3, h.urn());
        ps.setString(4, h.platform());
        ps.setString(5, h.name());
        ps.setInt(6, h.score());
        ps.setString(7, violationsJson(h));
        ps.setArray(8, ps.getConnection().createArrayOf("text", h.ruleIds()));
        ps.setArray(9, ps.getConnection().createArrayOf("text", h.owners()));
        ps.setString(10, h.domain());
        ps.setBoolean(11, h.removed());
        ps.setObject(12, time(h.evaluatedMillis()));
        ps.setBoolean(13, h.hardDeleted());
    }

    static void bindHealthHistory(PreparedStatement ps, HealthReport h) throws SQLException {
        ps.setString(1, h.urn());
        ps.setObject(2, time(h.evaluatedMillis()));
        if (h.hardDeleted()) {
            ps.setNull(3, Types.SMALLINT);
        } else {
            ps.setInt(3, h.score());
        }
        ps.setString(4, violationsJson(h));
        ps.setArray(5, ps.getConnection().createArrayOf("text", h.ruleIds()));
        ps.setArray(6, ps.getConnection().createArrayOf("text", h.owners()));
        ps.setString(7, h.domain());
        ps.setBoolean(8, h.removed());
        ps.setBoolean(9, h.hardDeleted());
    }

    static void bindOwnerDigest(PreparedStatement ps, OwnerDigest d) throws SQLException {
        ps.setString(1, d.key());
        ps.setString(2, d.owner());
        ps.setObject(3, time(d.periodEndMillis()));
        ps.setInt(4, d.entries().length + d.more());
        try {
            ps.setString(5, JSON.writeValueAsString(d.entries()));
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write digest " + d.key() + " as JSON", e);
        }
    }

    static void bindHealthRollup(PreparedStatement ps, HealthRollupRow r) throws SQLException {
        ps.setString(1, r.kind().sqlName());
        ps.setString(2, r.group());
        ps.setObject(3, r.day());
        ps.setInt(4, r.datasets());
        ps.setDouble(5, r.meanScore());
        ps.setDouble(6, r.described());
        ps.setDouble(7, r.owned());
        ps.setDouble(8, r.columnsDocumented());
        ps.setDouble(9, r.piiClassified());
        setDouble(ps, 10, r.wowChange());
        setDouble(ps, 11, r.trendPerDay());
    }

    private static String violationsJson(HealthReport h) throws SQLException {
        try {
            return JSON.writeValueAsString(h.violations());
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the violations of " + h.urn() + " as JSON", e);
        }
    }

    private static String[] urns(RunDataset[] datasets) {
        return datasets == null
                ? new String[0]
                : Arrays.stream(datasets).map(RunDataset::urn).toArray(String[]::new);
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Double value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
