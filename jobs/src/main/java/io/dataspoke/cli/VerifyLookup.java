package io.dataspoke.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.verify.DatasetFacts;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.sinks.postgres.PostgresOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers what the verifier needs of a dataset from DataSpoke's Postgres tables: its status, the
 * incidents open on it, its contract checks whose latest result is WARN or FAIL, its documentation
 * health and DataHub's deprecation of it.
 */
final class VerifyLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String INCIDENTS_SQL =
            """
            SELECT DISTINCT i.incident_id, i.title, i.severity, i.cause, i.opened_at
            FROM   incidents i
                   JOIN incident_datasets d ON d.incident_id = i.incident_id
            WHERE  d.dataset_urn = ? AND i.state = 'OPEN' AND NOT d.recovered
            ORDER  BY i.opened_at
            """;

    static final String FAILING_CHECKS_SQL =
            """
            SELECT check_text, outcome, message, evaluated_at
            FROM  (SELECT DISTINCT ON (check_id) check_text, outcome, message, evaluated_at
                   FROM     check_results
                   WHERE    dataset_urn = ?
                   ORDER BY check_id, evaluated_at DESC) latest
            WHERE  outcome IN ('WARN', 'FAIL')
            ORDER  BY outcome DESC, check_text
            """;

    static final String HEALTH_SQL =
            "SELECT score, violations, name FROM dataset_health WHERE urn = ? AND NOT removed";

    static final String ENTITY_SQL =
            "SELECT aspects -> 'deprecation', removed FROM entities WHERE urn = ?";

    private final PostgresOptions postgres;
    private final StatusLookup status;

    VerifyLookup(PostgresOptions postgres) {
        this.postgres = postgres;
        this.status = new StatusLookup(postgres);
    }

    /** The URNs {@code dataset} names (a URN, or a name matched inside known URNs). */
    List<String> resolve(String dataset) throws SQLException {
        return status.resolve(dataset);
    }

    /** What DataSpoke knows of {@code urn}, a dataset {@link #resolve} found. */
    DatasetFacts facts(String urn) throws SQLException, IOException {
        DatasetStatus s = status.status(urn);
        List<DatasetFacts.OpenIncident> incidents = new ArrayList<>();
        List<DatasetFacts.FailingCheck> checks = new ArrayList<>();
        Double health = null;
        String name = urn;
        List<String> gaps = new ArrayList<>();
        boolean deprecated = false;
        String note = null;
        String replacement = null;
        try (Connection c = postgres.connect()) {
            try (PreparedStatement ps = c.prepareStatement(INCIDENTS_SQL)) {
                ps.setString(1, urn);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        incidents.add(
                                new DatasetFacts.OpenIncident(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getTimestamp(5).toInstant().toString()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(FAILING_CHECKS_SQL)) {
                ps.setString(1, urn);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        checks.add(
                                new DatasetFacts.FailingCheck(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getTimestamp(4).toInstant().toString()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(HEALTH_SQL)) {
                ps.setString(1, urn);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        health = (double) rs.getInt(1);
                        for (JsonNode v : JSON.readTree(rs.getString(2))) {
                            gaps.add(v.path("message").asText());
                        }
                        name = rs.getString(3);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(ENTITY_SQL)) {
                ps.setString(1, urn);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        JsonNode d = JSON.readTree(rs.getString(1));
                        deprecated = d.path("deprecated").asBoolean(false);
                        note = d.hasNonNull("note") ? d.get("note").asText() : null;
                        replacement =
                                d.hasNonNull("replacement") ? d.get("replacement").asText() : null;
                    }
                }
            }
        }
        return new DatasetFacts(
                urn,
                name,
                true,
                s.status().name(),
                Arrays.asList(s.reasons()),
                incidents,
                checks,
                health,
                gaps,
                deprecated,
                note,
                replacement);
    }
}
