package io.dataspoke.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.decode.DatasetUrns;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the quality-monitor job concluded about the demo history, read back from Postgres and held
 * against the generator's ground truth: which injected incidents it found (and as how many
 * incidents), whether any clean control dataset was ever touched, the circuit-breaker statuses and
 * the Slack alerts sent.
 *
 * @param checkResults rows in {@code check_results} by outcome
 * @param incidents rows in {@code incidents}
 * @param openIncidents titles of those still open at the end
 * @param injected one line per injected incident of the ground truth
 * @param controlsInIncidents control datasets that ever joined an incident (should be 0)
 * @param controlsNotPass control datasets with a status other than PASS at the end (should be 0)
 * @param statuses datasets by current status (datasets without a row are PASS)
 * @param anomalies alarms raised, by metric kind ({@code rows_written}, {@code null_ratio}, …)
 * @param anomalyDatasets datasets that raised an alarm
 * @param alerts incident messages the local Slack webhook received
 * @param sampleAlert the fallback text of the first incident alert
 */
public record QualitySummary(
        Map<String, Long> checkResults,
        long incidents,
        List<String> openIncidents,
        List<Injected> injected,
        long controlsInIncidents,
        long controlsNotPass,
        Map<String, Long> statuses,
        Map<String, Long> anomalies,
        long anomalyDatasets,
        long alerts,
        String sampleAlert) {

    /**
     * An injected incident and what DataSpoke made of it.
     *
     * @param judgedBy {@code contracts} for incidents a contract or CEP pattern finds, {@code
     *     anomaly detection} for those only a detector can (a 20% drop against earlier Mondays)
     * @param foundAs the incidents whose datasets include the injected one's first dataset, opened
     *     within its window
     * @param datasets the datasets of the first of those, root first
     */
    public record Injected(
            String type,
            String dataset,
            String judgedBy,
            List<String> foundAs,
            String title,
            int datasets) {

        /** True when found. */
        public boolean ok() {
            return !foundAs.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLACK = Duration.ofHours(1);

    /** Reads the quality tables of the demo's database. */
    static QualitySummary read(Connection c, GroundTruth truth, List<String> slackMessages)
            throws Exception {
        try (Statement s = c.createStatement()) {
            Map<String, Long> checks =
                    DemoRunner.counts(s, "SELECT outcome, count(*) FROM check_results GROUP BY 1");
            long incidents = DemoRunner.count(s, "SELECT count(*) FROM incidents");
            List<String> open = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT title, opened_at FROM incidents WHERE state = 'OPEN'"
                                    + " ORDER BY opened_at")) {
                while (rs.next()) {
                    open.add(rs.getString(1) + " (opened " + rs.getTimestamp(2).toInstant() + ")");
                }
            }
            Map<String, Long> statuses =
                    DemoRunner.counts(s, "SELECT status, count(*) FROM dataset_status GROUP BY 1");
            Map<String, Long> anomalies =
                    DemoRunner.counts(
                            s,
                            "SELECT split_part(metric, '(', 1), count(*) FROM anomalies"
                                    + " WHERE state = 'RAISED' GROUP BY 1");
            long anomalyDatasets =
                    DemoRunner.count(s, "SELECT count(DISTINCT dataset_urn) FROM anomalies");
            List<Injected> injected = new ArrayList<>();
            for (GroundTruth.Incident incident : truth.incidents()) {
                injected.add(found(c, incident));
            }
            Set<String> controls = new HashSet<>(truth.controls());
            Set<String> touched = new HashSet<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT DISTINCT dataset_urn FROM incident_datasets")) {
                while (rs.next()) {
                    if (controls.contains(rs.getString(1))) {
                        touched.add(rs.getString(1));
                    }
                }
            }
            long controlsNotPass = 0;
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT dataset_urn FROM dataset_status WHERE status <> 'PASS'")) {
                while (rs.next()) {
                    controlsNotPass += controls.contains(rs.getString(1)) ? 1 : 0;
                }
            }
            List<String> alerts = new ArrayList<>();
            for (String message : slackMessages) {
                String text = JSON.readTree(message).path("text").asText();
                if (text.contains("(incident inc-")) {
                    alerts.add(text);
                }
            }
            return new QualitySummary(
                    checks,
                    incidents,
                    open,
                    injected,
                    touched.size(),
                    controlsNotPass,
                    statuses,
                    anomalies,
                    anomalyDatasets,
                    alerts.size(),
                    alerts.isEmpty() ? "" : alerts.get(0));
        }
    }

    private static Injected found(Connection c, GroundTruth.Incident incident) throws SQLException {
        String urn = incident.urns().get(0);
        String judgedBy =
                incident.type() == GroundTruth.IncidentType.VOLUME_DROP
                        ? "anomaly detection"
                        : "contracts";
        List<String> ids = new ArrayList<>();
        String title = "";
        int datasets = 0;
        try (PreparedStatement ps =
                c.prepareStatement(
                        """
                        SELECT i.incident_id, i.title, jsonb_array_length(i.affected)
                        FROM   incidents i
                        WHERE  EXISTS (SELECT 1 FROM jsonb_array_elements(i.affected) a
                                       WHERE a ->> 'urn' = ?)
                        AND    i.opened_at BETWEEN ? AND ?
                        ORDER  BY i.opened_at
                        """)) {
            ps.setString(1, urn);
            ps.setTimestamp(2, Timestamp.from(incident.start().minus(SLACK)));
            ps.setTimestamp(3, Timestamp.from(incident.end().plus(SLACK)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ids.isEmpty()) {
                        title = rs.getString(2);
                        datasets = rs.getInt(3);
                    }
                    ids.add(rs.getString(1));
                }
            }
        }
        return new Injected(incident.type().name(), nameOf(urn), judgedBy, ids, title, datasets);
    }

    /** The summary as a person reads it. */
    void print(PrintStream out) {
        out.println();
        out.println(
                "Quality monitor (contracts, anomaly detection, CEP patterns, incidents, circuit"
                        + " breaker)");
        long total = checkResults.values().stream().mapToLong(Long::longValue).sum();
        out.printf("  %-44s %,10d%n", "check results", total);
        checkResults.forEach((outcome, n) -> out.printf("    %-42s %,10d%n", outcome, n));
        out.printf("  %-44s %,10d%n", "incidents (one per root cause)", incidents);
        out.printf("  %-44s %,10d%n", "still open", openIncidents.size());
        openIncidents.forEach(title -> out.println("    " + title));
        out.printf(
                "  %-44s %s on %d datasets%n",
                "anomaly alarms raised", anomalies.isEmpty() ? "none" : anomalies, anomalyDatasets);
        out.println("  injected incidents:");
        for (Injected i : injected) {
            String verdict;
            if (!i.foundAs().isEmpty()) {
                verdict =
                        "found as "
                                + i.foundAs().size()
                                + (i.foundAs().size() == 1 ? " incident" : " incidents")
                                + ", "
                                + i.datasets()
                                + (i.datasets() == 1 ? " dataset" : " datasets")
                                + ": "
                                + i.title();
            } else if ("contracts".equals(i.judgedBy())) {
                verdict = "MISSED";
            } else {
                verdict =
                        "not found: anomaly detection needs two earlier weeks of the same hours"
                                + " (use --days 21 or more)";
            }
            out.printf("    %-18s %s%n", i.type(), verdict);
        }
        out.printf(
                "  %-44s %d in incidents, %d not PASS%n",
                "control datasets", controlsInIncidents, controlsNotPass);
        out.printf(
                "  %-44s %s%n", "dataset status now", statuses.isEmpty() ? "all PASS" : statuses);
        out.printf("  %-44s %,10d%n", "incident alerts sent to Slack", alerts);
        if (!sampleAlert.isEmpty()) {
            out.println("  first alert: " + sampleAlert);
        }
    }

    private static String nameOf(String urn) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        return parts == null ? urn : parts.name();
    }
}
