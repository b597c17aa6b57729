package io.dataspoke.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.jobs.TeamLeague;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the metadata-health job concluded about the demo catalog, read back from Postgres and held
 * against the generator's ground truth: the team league table, the worst datasets with the first
 * thing to fix, and how many planted documentation gaps were found.
 *
 * @param audited live datasets with a current health row
 * @param gapsPlanted documentation gaps the generator left in live datasets at the end
 * @param gapsFound of those, reported under the rule that covers them
 * @param falseAlarms rules reported on a dataset whose ground truth has no such gap
 * @param digestsComposed rows in {@code owner_digests}
 * @param ownersReached owners with at least one digest
 * @param slackMessages owner digests the local Slack webhook received
 * @param sampleDigest the fallback text and first dataset of one digest, for the console
 * @param rollupRows rows the health-rollup batch job wrote (per team and domain per day)
 */
public record HealthSummary(
        long audited,
        double meanScore,
        long gapsPlanted,
        long gapsFound,
        long falseAlarms,
        List<TeamLeague.Row> league,
        List<Worst> worst,
        long digestsComposed,
        long ownersReached,
        long slackMessages,
        String sampleDigest,
        long rollupRows) {

    /** A dataset at the bottom of the table and the first fix it needs. */
    public record Worst(String name, String team, int score, int violations, String firstFix) {}

    private static final int WORST = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The generated teams' map: their group and their people, to the team's display name. */
    static Map<String, String> teamByOwner(GroundTruth truth) {
        Map<String, String> teamByOwner = new HashMap<>();
        for (GroundTruth.Team team : truth.teams()) {
            teamByOwner.put(team.group(), team.displayName());
            team.owners().forEach(owner -> teamByOwner.put(owner, team.displayName()));
        }
        return teamByOwner;
    }

    /** Reads the health tables of the demo's database. */
    static HealthSummary read(Connection c, GroundTruth truth, List<String> slackMessages)
            throws SQLException {
        List<String> received = digests(slackMessages);
        Map<String, String> teamByOwner = teamByOwner(truth);
        Map<String, String> teamOfDataset = new HashMap<>();
        Map<String, String> displayName = new HashMap<>();
        truth.teams().forEach(t -> displayName.put(t.name(), t.displayName()));
        truth.datasets().forEach(d -> teamOfDataset.put(d.urn(), displayName.get(d.team())));

        Map<String, Set<String>> reported = new LinkedHashMap<>();
        long audited = 0;
        double total = 0;
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT urn, score, rules_broken FROM dataset_health WHERE NOT"
                                        + " removed");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                audited++;
                total += rs.getInt(2);
                reported.put(
                        rs.getString(1),
                        new HashSet<>(List.of((String[]) rs.getArray(3).getArray())));
            }
        }
        long planted = 0;
        long found = 0;
        long falseAlarms = 0;
        for (GroundTruth.Dataset d : truth.datasets()) {
            Set<String> rules = reported.get(d.urn());
            if (rules == null) {
                continue;
            }
            Set<String> expected = new HashSet<>();
            d.gaps().forEach(gap -> expected.add(gap.rule()));
            planted += d.gaps().size();
            found += d.gaps().stream().filter(gap -> rules.contains(gap.rule())).count();
            falseAlarms += rules.stream().filter(rule -> !expected.contains(rule)).count();
        }

        List<Worst> worst = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT urn, name, score, jsonb_array_length(violations),"
                                        + " violations->0->>'message' FROM dataset_health"
                                        + " WHERE NOT removed ORDER BY score, name LIMIT "
                                        + WORST);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                worst.add(
                        new Worst(
                                rs.getString(2),
                                teamOfDataset.get(rs.getString(1)),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getString(5)));
            }
        }
        long digests;
        long owners;
        try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT count(*), count(DISTINCT owner) FROM owner_digests");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            digests = rs.getLong(1);
            owners = rs.getLong(2);
        }
        return new HealthSummary(
                audited,
                audited == 0 ? 0 : total / audited,
                planted,
                found,
                falseAlarms,
                TeamLeague.asOf(c, teamByOwner, truth.end()),
                worst,
                digests,
                owners,
                received.size(),
                sample(received),
                countRows(c, "SELECT count(*) FROM health_rollup"));
    }

    private static long countRows(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The owner digests among the messages the webhook received (incident alerts are others). */
    private static List<String> digests(List<String> slackMessages) {
        List<String> digests = new ArrayList<>();
        for (String message : slackMessages) {
            try {
                if (JSON.readTree(message)
                        .path("text")
                        .asText()
                        .startsWith("Documentation digest")) {
                    digests.add(message);
                }
            } catch (java.io.IOException e) {
                // Not a message DataSpoke sent.
            }
        }
        return digests;
    }

    /** The header and first dataset of the last digest received, as plain lines. */
    private static String sample(List<String> slackMessages) {
        if (slackMessages.isEmpty()) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(slackMessages.get(slackMessages.size() - 1));
            StringBuilder out = new StringBuilder(message.get("text").asText());
            for (JsonNode block : message.get("blocks")) {
                String type = block.get("type").asText();
                if (type.equals("context") && out.indexOf("\n") < 0) {
                    out.append('\n').append(block.at("/elements/0/text").asText());
                } else if (type.equals("section")) {
                    out.append('\n').append(block.at("/text/text").asText());
                    break;
                }
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The health part of the demo summary, as a person reads it. */
    void print(PrintStream out) {
        out.println();
        out.printf(
                "Documentation health: %d datasets, mean score %.1f; planted gaps found %d of %d,"
                        + " false alarms %d%n",
                audited, meanScore, gapsFound, gapsPlanted, falseAlarms);
        out.printf(
                "  %-22s %8s %6s %8s %10s %7s %9s %6s%n",
                "team", "datasets", "score", "vs week", "described", "owned", "col docs", "PII");
        for (TeamLeague.Row r : league) {
            out.printf(
                    "  %-22s %8d %6.1f %8s %9.0f%% %6.0f%% %8.0f%% %5.0f%%%n",
                    r.team(),
                    r.datasets(),
                    r.meanScore(),
                    r.weekChange() == null ? "new" : String.format("%+.1f", r.weekChange()),
                    r.described() * 100,
                    r.owned() * 100,
                    r.columnsDocumented() * 100,
                    r.piiClassified() * 100);
        }
        out.printf(
                "  Owner digests: %d composed for %d owners, %d posted to the local Slack webhook;"
                        + " the last one:%n",
                digestsComposed, ownersReached, slackMessages);
        sampleDigest.lines().forEach(line -> out.println("    | " + line));
        out.printf(
                "  Health rollup (batch): %,d rows per team and per domain per day in"
                        + " health_rollup%n",
                rollupRows);
        out.println("  Worst datasets and the first thing to fix:");
        for (Worst w : worst) {
            out.printf(
                    "  %3d  %s (%s, %d issue%s): %s%n",
                    w.score(),
                    w.name(),
                    w.team(),
                    w.violations(),
                    w.violations() == 1 ? "" : "s",
                    w.firstFix());
        }
    }
}
