package io.dataspoke.sinks.postgres;

import static io.dataspoke.sinks.postgres.PostgresSinks.sink;
import static io.dataspoke.sinks.postgres.PostgresSinks.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.anomaly.AnomalyRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * The quality monitor's Postgres sinks: check results, incidents, dataset statuses and anomaly
 * alarms. Upserts on each table's key, so a replay leaves the same rows; an incident row always
 * holds its latest revision (an older revision arriving late does not overwrite a newer one).
 */
public final class QualitySinks {

    static final String CHECK_RESULTS_SQL =
            """
            INSERT INTO check_results (dataset_urn, check_id, evaluated_at, check_text, check_type,
                                       contract_file, outcome, observed, signal, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dataset_urn, check_id, evaluated_at) DO UPDATE SET
                outcome  = EXCLUDED.outcome,
                observed = EXCLUDED.observed,
                signal   = EXCLUDED.signal,
                message  = EXCLUDED.message
            """;

    static final String INCIDENTS_SQL =
            """
            INSERT INTO incidents (incident_id, root_urn, title, cause, state, severity, opened_at,
                                   updated_at, resolved_at, column_name, affected, revision, team,
                                   domain)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (incident_id) DO UPDATE SET
                root_urn    = EXCLUDED.root_urn,
                title       = EXCLUDED.title,
                cause       = EXCLUDED.cause,
                state       = EXCLUDED.state,
                severity    = EXCLUDED.severity,
                updated_at  = EXCLUDED.updated_at,
                resolved_at = EXCLUDED.resolved_at,
                column_name = EXCLUDED.column_name,
                affected    = EXCLUDED.affected,
                revision    = EXCLUDED.revision,
                team        = EXCLUDED.team,
                domain      = EXCLUDED.domain
            WHERE incidents.revision <= EXCLUDED.revision
            """;

    static final String STATUS_SQL =
            """
            INSERT INTO dataset_status (dataset_urn, status, reasons, incident_ids, since,
                                        updated_at)
            VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?)
            ON CONFLICT (dataset_urn) DO UPDATE SET
                status       = EXCLUDED.status,
                reasons      = EXCLUDED.reasons,
                incident_ids = EXCLUDED.incident_ids,
                since        = EXCLUDED.since,
                updated_at   = EXCLUDED.updated_at
            WHERE dataset_status.updated_at <= EXCLUDED.updated_at
            """;

    static final String ANOMALIES_SQL =
            """
            INSERT INTO anomalies (dataset_urn, metric, observed_at, value, expected, score, state,
                                   model_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (dataset_urn, metric, observed_at) DO UPDATE SET
                value         = EXCLUDED.value,
                expected      = EXCLUDED.expected,
                score         = EXCLUDED.score,
                state         = EXCLUDED.state,
                model_version = EXCLUDED.model_version
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QualitySinks() {}

    /** Every check evaluation. */
    public static JdbcSink<CheckResult> checkResults(PostgresOptions options) {
        return sink(CHECK_RESULTS_SQL, QualitySinks::bindCheckResult, options);
    }

    /** The latest revision of every incident. */
    public static JdbcSink<Incident> incidents(PostgresOptions options) {
        return sink(INCIDENTS_SQL, QualitySinks::bindIncident, options);
    }

    /** The current circuit-breaker status of every dataset that ever left PASS. */
    public static JdbcSink<DatasetStatus> statuses(PostgresOptions options) {
        return sink(STATUS_SQL, QualitySinks::bindStatus, options);
    }

    /** Every anomaly alarm raised or cleared. */
    public static JdbcSink<AnomalyRecord> anomalies(PostgresOptions options) {
        return sink(ANOMALIES_SQL, QualitySinks::bindAnomaly, options);
    }

    static void bindAnomaly(PreparedStatement ps, AnomalyRecord a) throws SQLException {
        ps.setString(1, a.datasetUrn());
        ps.setString(2, a.metric());
        ps.setObject(3, time(a.observedMillis()));
        setDouble(ps, 4, a.value());
        setDouble(ps, 5, a.expected());
        ps.setDouble(6, a.score());
        ps.setString(7, a.state());
        if (a.modelVersion() == 0) {
            ps.setNull(8, Types.BIGINT);
        } else {
            ps.setLong(8, a.modelVersion());
        }
    }

    /** NaN, which Postgres would store as NaN, is written as NULL: "no value". */
    private static void setDouble(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    static void bindCheckResult(PreparedStatement ps, CheckResult r) throws SQLException {
        ps.setString(1, r.datasetUrn());
        ps.setString(2, r.checkId());
        ps.setObject(3, time(r.evaluatedMillis()));
        ps.setString(4, r.check());
        ps.setString(5, r.checkType());
        ps.setString(6, r.contractFile());
        ps.setString(7, r.outcome().name());
        if (r.observed() == null) {
            ps.setNull(8, Types.DOUBLE);
        } else {
            ps.setDouble(8, r.observed());
        }
        ps.setString(9, r.signal());
        ps.setString(10, r.message() == null ? "" : r.message());
    }

    static void bindIncident(PreparedStatement ps, Incident i) throws SQLException {
        ps.setString(1, i.id());
        ps.setString(2, i.rootUrn());
        ps.setString(3, i.title());
        ps.setString(4, i.cause());
        ps.setString(5, i.state().name());
        ps.setString(6, i.severity().name());
        ps.setObject(7, time(i.openedMillis()));
        ps.setObject(8, time(i.updatedMillis()));
        ps.setObject(9, i.resolvedMillis() == null ? null : time(i.resolvedMillis()));
        ps.setString(10, i.column());
        ps.setString(11, affectedJson(i.affected()));
        ps.setInt(12, i.revision());
        ps.setString(13, i.team());
        ps.setString(14, i.domain());
    }

    static void bindStatus(PreparedStatement ps, DatasetStatus s) throws SQLException {
        ps.setString(1, s.datasetUrn());
        ps.setString(2, s.status().name());
        ps.setString(3, array(s.reasons()));
        ps.setString(4, array(s.incidentIds()));
        ps.setObject(5, time(s.sinceMillis()));
        ps.setObject(6, time(s.updatedMillis()));
    }

    private static String affectedJson(AffectedDataset[] affected) {
        ArrayNode array = JSON.createArrayNode();
        for (AffectedDataset a : affected) {
            ObjectNode node = array.addObject();
            node.put("urn", a.urn());
            node.put("hops", a.hops());
            node.put("reason", a.reason());
            node.put("since", time(a.sinceMillis()).toString());
            node.put("recovered", a.recovered());
        }
        return write(array);
    }

    private static String array(String[] values) {
        ArrayNode array = JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return write(array);
    }

    private static String write(ArrayNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
