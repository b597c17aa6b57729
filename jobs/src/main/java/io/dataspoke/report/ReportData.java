package io.dataspoke.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code dataspoke report} draws, read from DataSpoke's Postgres: the datasets that raised
 * anomalies or were caught in incidents, each with the metric that matters and its anomalies and
 * incident windows; each team's documentation health per day; every incident's span.
 */
public record ReportData(
        List<DatasetChart> datasets, Map<String, List<Point>> teams, List<IncidentSpan> incidents) {

    /** Datasets drawn at most, those with anomalies first. */
    public static final int MAX_DATASETS = 12;

    private static final Pattern NULL_RATIO = Pattern.compile("null_ratio\\((.+)\\)");

    /** A value at a time (epoch milliseconds). */
    public record Point(long at, double value) {}

    /** One dataset's chart: its metric over time, the anomalies raised on it, its incidents. */
    public record DatasetChart(
            String urn,
            String metric,
            List<Point> series,
            List<Point> anomalies,
            List<IncidentSpan> incidents) {}

    /** An incident from opening to resolution ({@code resolvedAt} 0 while open). */
    public record IncidentSpan(
            String id, String title, String severity, long openedAt, long resolvedAt) {}

    public static ReportData read(Connection c) throws SQLException {
        List<IncidentSpan> incidents = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT incident_id, title, severity, opened_at, resolved_at FROM"
                                        + " incidents ORDER BY opened_at, incident_id")) {
            while (rs.next()) {
                incidents.add(
                        new IncidentSpan(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).getTime(),
                                rs.getTimestamp(5) == null ? 0 : rs.getTimestamp(5).getTime()));
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT dataset_urn, min(metric) FROM anomalies WHERE state ="
                                        + " 'RAISED' GROUP BY dataset_urn ORDER BY dataset_urn")) {
            while (rs.next() && chosen.size() < MAX_DATASETS) {
                chosen.put(rs.getString(1), rs.getString(2));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT DISTINCT dataset_urn FROM incident_datasets WHERE hops = 0"
                                        + " ORDER BY dataset_urn")) {
            while (rs.next() && chosen.size() < MAX_DATASETS) {
                chosen.putIfAbsent(rs.getString(1), "rows_written");
            }
        }
        List<DatasetChart> charts = new ArrayList<>();
        for (Map.Entry<String, String> e : chosen.entrySet()) {
            charts.add(chart(c, e.getKey(), e.getValue(), incidents));
        }
        Map<String, List<Point>> teams = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT group_name, day, mean_score FROM health_rollup WHERE"
                                        + " group_kind = 'team' ORDER BY group_name, day")) {
            while (rs.next()) {
                teams.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new Point(rs.getDate(2).getTime(), rs.getDouble(3)));
            }
        }
        return new ReportData(charts, teams, incidents);
    }

    private static DatasetChart chart(
            Connection c, String urn, String metric, List<IncidentSpan> all) throws SQLException {
        String sql;
        String column = null;
        Matcher nullRatio = NULL_RATIO.matcher(metric);
        if (metric.equals("row_count")) {
            sql =
                    "SELECT observed_at, row_count FROM dataset_metrics WHERE dataset_urn = ? AND"
                            + " source = 'datasetProfile' AND row_count IS NOT NULL ORDER BY 1";
        } else if (nullRatio.matches()) {
            column = nullRatio.group(1);
            sql =
                    "SELECT observed_at, (null_counts ->> ?)::float8 / NULLIF(row_count, 0) FROM"
                            + " dataset_metrics WHERE dataset_urn = ? AND source = 'datasetProfile'"
                            // ?? is the JDBC spelling of jsonb's ? (has key) operator.
                            + " AND null_counts ?? ? ORDER BY 1";
        } else {
            sql =
                    "SELECT observed_at, affected_rows FROM dataset_metrics WHERE dataset_urn = ?"
                            + " AND source <> 'datasetProfile' AND affected_rows IS NOT NULL ORDER"
                            + " BY 1";
        }
        List<Point> series = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (column != null) {
                ps.setString(1, column);
                ps.setString(2, urn);
                ps.setString(3, column);
            } else {
                ps.setString(1, urn);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(2);
                    if (!rs.wasNull()) {
                        series.add(new Point(rs.getTimestamp(1).getTime(), v));
                    }
                }
            }
        }
        List<Point> anomalies = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT observed_at, value FROM anomalies WHERE dataset_urn = ? AND metric"
                                + " = ? AND state = 'RAISED' AND value IS NOT NULL ORDER BY 1")) {
            ps.setString(1, urn);
            ps.setString(2, metric);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    anomalies.add(new Point(rs.getTimestamp(1).getTime(), rs.getDouble(2)));
                }
            }
        }
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT DISTINCT incident_id FROM incident_datasets WHERE dataset_urn ="
                                + " ?")) {
            ps.setString(1, urn);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        List<IncidentSpan> touching = all.stream().filter(i -> ids.contains(i.id())).toList();
        return new DatasetChart(urn, metric, series, anomalies, touching);
    }
}
