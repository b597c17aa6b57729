package io.dataspoke.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The team league table read from {@code dataset_health_history}: per team, its live datasets' mean
 * documentation score as of a moment and a week before it, and the shares that matter most. A
 * dataset belongs to every team one of its owners (a user or group URN) maps to in the team map.
 */
public final class TeamLeague {

    /**
     * One team's line.
     *
     * @param weekChange mean score now minus a week before; null when it had no datasets then
     */
    public record Row(
            String team,
            int datasets,
            double meanScore,
            Double weekChange,
            double described,
            double owned,
            double columnsDocumented,
            double piiClassified) {}

    private static final String AS_OF =
            """
            WITH latest AS (
                SELECT DISTINCT ON (urn) urn, score, owners, rules_broken, removed, hard_deleted
                FROM dataset_health_history
                WHERE evaluated_at <= ?
                ORDER BY urn, evaluated_at DESC
            ), teams AS (
                SELECT * FROM unnest(?::text[], ?::text[]) AS t(owner, team)
            ), membership AS (
                SELECT DISTINCT coalesce(t.team, ?) AS team, l.urn, l.score, l.rules_broken
                FROM latest l
                LEFT JOIN LATERAL (
                    SELECT t.team
                    FROM unnest(l.owners) AS o(owner)
                    JOIN teams t ON t.owner = o.owner
                ) t ON TRUE
                WHERE NOT l.removed AND NOT l.hard_deleted
            )
            SELECT team,
                   count(*),
                   avg(score),
                   avg(CASE WHEN 'description' = ANY(rules_broken) THEN 0 ELSE 1 END),
                   avg(CASE WHEN 'ownership' = ANY(rules_broken) THEN 0 ELSE 1 END),
                   avg(CASE WHEN 'column-docs' = ANY(rules_broken) THEN 0 ELSE 1 END),
                   avg(CASE WHEN 'pii' = ANY(rules_broken) THEN 0 ELSE 1 END)
            FROM membership
            GROUP BY team
            """;

    /** The line of datasets none of whose owners maps to a team (or that have no owner). */
    public static final String NO_TEAM = "(no owning team)";

    private TeamLeague() {}

    /** The table as of {@code asOf}, best mean score first. */
    public static List<Row> asOf(Connection c, Map<String, String> teamByOwner, Instant asOf)
            throws SQLException {
        Map<String, double[]> now = query(c, teamByOwner, asOf);
        Map<String, double[]> weekBefore =
                query(c, teamByOwner, asOf.minus(java.time.Duration.ofDays(7)));
        List<Row> rows = new ArrayList<>();
        now.forEach(
                (team, v) -> {
                    double[] before = weekBefore.get(team);
                    rows.add(
                            new Row(
                                    team,
                                    (int) v[0],
                                    v[1],
                                    before == null ? null : v[1] - before[1],
                                    v[2],
                                    v[3],
                                    v[4],
                                    v[5]));
                });
        rows.sort((a, b) -> Double.compare(b.meanScore(), a.meanScore()));
        return rows;
    }

    private static Map<String, double[]> query(
            Connection c, Map<String, String> teamByOwner, Instant asOf) throws SQLException {
        Map<String, double[]> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(AS_OF)) {
            ps.setObject(1, OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
            ps.setArray(2, c.createArrayOf("text", teamByOwner.keySet().toArray()));
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text", teamByOwner.keySet().stream().map(teamByOwner::get).toArray()));
            ps.setString(4, NO_TEAM);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new double[] {
                                rs.getLong(2),
                                rs.getDouble(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getDouble(6),
                                rs.getDouble(7)
                            });
                }
            }
        }
        return out;
    }
}
