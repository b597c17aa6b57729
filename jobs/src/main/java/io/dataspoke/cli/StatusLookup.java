package io.dataspoke.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset's status from {@code dataset_status}. A dataset DataSpoke knows (from its
 * entities or check results) without a status row is PASS: the circuit breaker deletes nothing, but
 * it only writes datasets that once left PASS.
 */
final class StatusLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RESOLVE_SQL =
            """
            SELECT urn FROM (
                SELECT dataset_urn AS urn FROM dataset_status
                UNION SELECT urn FROM entities WHERE entity_type = 'dataset'
                UNION SELECT DISTINCT dataset_urn FROM check_results
            ) known
            WHERE urn = ? OR urn LIKE ?
            ORDER BY urn
            """;

    private static final String STATUS_SQL =
            """
            SELECT status, reasons, incident_ids, since, updated_at
            FROM   dataset_status
            WHERE  dataset_urn = ?
            """;

    private final PostgresOptions postgres;

    StatusLookup(PostgresOptions postgres) {
        this.postgres = postgres;
    }

    /** The URNs {@code dataset} names: itself when it is a known URN, else by name. */
    List<String> resolve(String dataset) throws SQLException {
        String byName =
                "%," + dataset.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%";
        List<String> urns = new ArrayList<>();
        try (Connection c = postgres.connect();
                PreparedStatement ps = c.prepareStatement(RESOLVE_SQL)) {
            ps.setString(1, dataset);
            ps.setString(2, dataset.startsWith("urn:") ? dataset : byName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    urns.add(rs.getString(1));
                }
            }
        }
        return urns.contains(dataset) ? List.of(dataset) : urns;
    }

    /** The status of a known dataset; PASS when it has no row. */
    DatasetStatus status(String urn) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement ps = c.prepareStatement(STATUS_SQL)) {
            ps.setString(1, urn);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new DatasetStatus(
                            urn, CircuitStatus.PASS, new String[0], new String[0], 0L, 0L);
                }
                return new DatasetStatus(
                        urn,
                        CircuitStatus.valueOf(rs.getString(1)),
                        texts(rs.getString(2)),
                        texts(rs.getString(3)),
                        rs.getTimestamp(4).getTime(),
                        rs.getTimestamp(5).getTime());
            }
        }
    }

    private static String[] texts(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            String[] texts = new String[array.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = array.get(i).asText();
            }
            return texts;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("dataset_status holds malformed JSON: " + json, e);
        }
    }
}
