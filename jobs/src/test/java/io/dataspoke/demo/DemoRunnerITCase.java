package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.event.Topics;
import io.dataspoke.jobs.TeamLeague;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, as {@code dataspoke demo} runs it but smaller: the summary it reads back
 * from Postgres must account for every replayed record and agree with the ground truth.
 */
class DemoRunnerITCase {

    @TempDir Path workDir;

    @Test
    void summaryAccountsForTheWholeHistory() throws Exception {
        DemoConfig data = new DemoConfig(3, 60, 14, DemoConfig.defaults().start());
        DemoHistory history = DemoGenerator.generate(data);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        SqlRecipeRuns sql = new SqlRecipeRuns();
        DemoSummary summary =
                DemoRunner.run(
                        new DemoRunner.Options(data, 0, 0, workDir, false, false),
                        new PrintStream(console, true, StandardCharsets.UTF_8),
                        sql::run);

        assertThat(summary.recordsByTopic().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(history.records().size());
        assertThat(summary.runsByType().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(history.count(Topics.DEFAULTS.openLineage()));
        assertThat(summary.deadLetters()).isZero();

        GroundTruth truth = history.groundTruth();
        long kept =
                truth.datasets().stream()
                        .filter(d -> d.lifecycle() != GroundTruth.Lifecycle.HARD_DELETED)
                        .count();
        long softDeleted =
                truth.datasets().stream()
                        .filter(d -> d.lifecycle() == GroundTruth.Lifecycle.SOFT_DELETED)
                        .count();
        assertThat(summary.entitiesByType()).containsEntry("dataset", kept);
        assertThat(summary.softDeleted()).isEqualTo(softDeleted);
        assertThat(summary.metricsBySource())
                .containsOnlyKeys("datasetProfile", "operation", "openlineage", "query-log");
        assertThat(GroundTruth.read(Path.of(summary.groundTruthFile()))).isEqualTo(truth);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(summary.dashboardUrl());

        HealthSummary health = summary.health();
        long live = kept - softDeleted;
        assertThat(health.audited()).isEqualTo(live);
        assertThat(health.gapsPlanted()).isPositive();
        assertThat(health.gapsFound()).isEqualTo(health.gapsPlanted());
        assertThat(health.falseAlarms()).isZero();
        long ownerless =
                truth.datasets().stream()
                        .filter(d -> d.lifecycle() == GroundTruth.Lifecycle.ACTIVE)
                        .filter(d -> d.gaps().contains(GroundTruth.GapType.NO_OWNER))
                        .count();
        assertThat(health.league())
                .extracting(TeamLeague.Row::team)
                .containsAll(truth.teams().stream().map(GroundTruth.Team::displayName).toList());
        assertThat(health.league())
                .filteredOn(r -> r.team().equals(TeamLeague.NO_TEAM))
                .extracting(TeamLeague.Row::datasets)
                .containsExactly((int) ownerless);
        // Every live dataset is in exactly one line: its team's, or the ownerless line.
        assertThat(health.league().stream().mapToInt(TeamLeague.Row::datasets).sum())
                .isEqualTo((int) live);
        assertThat(health.worst()).hasSize(5);
        assertThat(health.worst().get(0).score())
                .isLessThanOrEqualTo(health.worst().get(4).score());

        // Every owner of a dataset with a gap got a digest; the webhook received them over HTTP.
        // Each team's group owns its datasets (unless the dataset has the NO_OWNER gap).
        long teamsWithGaps =
                truth.datasets().stream()
                        .filter(d -> d.lifecycle() == GroundTruth.Lifecycle.ACTIVE)
                        .filter(d -> !d.gaps().isEmpty())
                        .filter(d -> !d.gaps().contains(GroundTruth.GapType.NO_OWNER))
                        .map(GroundTruth.Dataset::team)
                        .distinct()
                        .count();
        assertThat(teamsWithGaps).isPositive();
        assertThat(health.ownersReached()).isGreaterThanOrEqualTo(teamsWithGaps);
        assertThat(health.slackMessages())
                .isPositive()
                .isLessThanOrEqualTo(health.digestsComposed());
        assertThat(health.sampleDigest()).startsWith("Documentation digest: ");
        // The rollup covers every day of the history for every team line, at least.
        assertThat(health.rollupRows())
                .isGreaterThanOrEqualTo((long) data.days() * truth.teams().size());

        QualitySummary quality = summary.quality();
        // Every injected incident is found, each as one incident; the schema change holds the
        // changed source and its three broken downstream datasets. The volume drop is anomaly
        // detection's, which needs two earlier weeks of the same Monday hours: this two-week
        // history has one (QualityJobITCase runs the four-week history).
        boolean twoEarlierMondays = data.days() >= 21;
        for (QualitySummary.Injected injected : quality.injected()) {
            if (injected.judgedBy().equals("contracts") || twoEarlierMondays) {
                assertThat(injected.foundAs()).as(injected.type()).hasSize(1);
            } else {
                assertThat(injected.foundAs()).as(injected.type()).isEmpty();
            }
            if (injected.type().equals("SCHEMA_CHANGE")) {
                assertThat(injected.datasets()).isEqualTo(4);
                assertThat(injected.title())
                        .contains(truth.incident(GroundTruth.IncidentType.SCHEMA_CHANGE).column());
            }
        }
        // The null spike (and, with the history for it, the volume drop), nothing else.
        assertThat(quality.anomalies()).containsKey("null_ratio");
        assertThat(quality.anomalyDatasets()).isEqualTo(twoEarlierMondays ? 2 : 1);
        assertThat(quality.controlsInIncidents()).isZero();
        assertThat(quality.controlsNotPass()).isZero();
        assertThat(quality.openIncidents()).isEmpty();
        assertThat(quality.alerts()).isGreaterThanOrEqualTo(quality.incidents());
        assertThat(quality.checkResults()).containsKeys("PASS", "FAIL");

        // knowledge-sync: one document per live dataset, the deleted ones gone, and the last
        // description added during the history finds its dataset first.
        KnowledgeSummary knowledge = summary.knowledge();
        assertThat(knowledge.documents()).isEqualTo(live);
        assertThat(knowledge.deleted()).isPositive();
        assertThat(knowledge.deletedInIndex()).isZero();
        assertThat(knowledge.query()).isNotBlank();
        assertThat(knowledge.rank()).as(knowledge.top().toString()).isEqualTo(1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Knowledge base", "comes first", "dataspoke search");

        // Every Flink SQL recipe ran over the demo's results and agrees with Postgres read
        // directly (and with the ground truth where it has the answer).
        assertThat(sql.rows.keySet()).containsExactlyElementsOf(SqlRecipeRuns.recipes());
        assertThat(sql.rows.get("blocked_now.sql")).hasSize(sql.direct.get("blocked").intValue());
        List<Row> incidents = sql.rows.get("incidents_by_root_cause.sql");
        assertThat(incidents).hasSize((int) quality.incidents());
        assertThat(incidents)
                .filteredOn(r -> "schema-change".equals(r.getField("cause")))
                .singleElement()
                .satisfies(r -> assertThat(r.getField("blast_radius")).isEqualTo(4L));
        List<Row> worst = sql.rows.get("worst_datasets_per_team.sql");
        assertThat(worst.stream().map(r -> r.getField("team")).distinct().count())
                .isEqualTo(sql.direct.get("teamsOwning"));
        assertThat(worst).allSatisfy(r -> assertThat((Long) r.getField("place")).isBetween(1L, 3L));
        for (int i = 1; i < worst.size(); i++) {
            if (worst.get(i).getField("team").equals(worst.get(i - 1).getField("team"))) {
                assertThat((Short) worst.get(i).getField("score"))
                        .isGreaterThanOrEqualTo((Short) worst.get(i - 1).getField("score"));
            }
        }
        List<Row> league = sql.rows.get("team_league.sql");
        assertThat(league).hasSize(sql.direct.get("teamsLatestDay").intValue()).isNotEmpty();
        assertThat(league).allSatisfy(r -> assertThat(r.getField("last_week")).isNotNull());
        assertThat(
                        sql.rows.get("freshness_misses_7d.sql").stream()
                                .mapToLong(r -> (Long) r.getField("misses"))
                                .sum())
                .isEqualTo(sql.direct.get("freshnessMisses7d"));
        assertThat(sql.rows.get("status_changes.sql"))
                .hasSize(sql.direct.get("statusRows").intValue());

        // The report draws every dataset that raised an anomaly, the anomalies of its charted
        // metric as red dots, every incident on the timeline and every team's health line; scripts/
        // render-report.sh screenshots the page in headless Chromium.
        io.dataspoke.report.ReportData report = sql.report;
        String page = io.dataspoke.report.ReportPage.render(report, java.time.Instant.EPOCH);
        java.nio.file.Files.writeString(
                Path.of("target", "demo-report.html").toAbsolutePath(), page);
        assertThat(report.datasets())
                .hasSizeGreaterThanOrEqualTo(sql.direct.get("anomalyDatasets").intValue());
        assertThat(count(page, "class=\"dataset\"")).isEqualTo(report.datasets().size());
        int dots = report.datasets().stream().mapToInt(d -> d.anomalies().size()).sum();
        assertThat(dots).isPositive().isLessThanOrEqualTo(sql.direct.get("raised").intValue());
        assertThat(count(page, "class=\"anomaly\"")).isEqualTo(dots);
        assertThat(count(page, "class=\"span\"")).isEqualTo((int) quality.incidents());
        assertThat(report.teams().keySet())
                .containsAll(truth.teams().stream().map(GroundTruth.Team::displayName).toList());
        assertThat(count(page, "class=\"series\""))
                .isEqualTo(report.datasets().size() + report.teams().size());
        assertThat(report.datasets()).allSatisfy(d -> assertThat(d.series()).isNotEmpty());

        // The CLI config the demo writes points at its own stack and index.
        Path cliConfig = workDir.resolve("dataspoke-demo.yaml");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(cliConfig.toString());
        assertThat(
                        io.dataspoke.jobs.config.DataSpokeConfig.read(cliConfig)
                                .knowledgeIndex(cliConfig, name -> null))
                .isEqualTo(
                        new io.dataspoke.sinks.qdrant.LocalIndexOptions(
                                workDir.resolve("knowledge-index").toAbsolutePath().toString()));

        JsonNode json = new ObjectMapper().readTree(summary.toJson());
        assertThat(json.get("deadLetters").asLong()).isZero();
        assertThat(json.at("/knowledge/documents").asLong()).isEqualTo(live);
        assertThat(json.at("/entitiesByType/dataset").asLong()).isEqualTo(kept);
        assertThat(json.at("/health/gapsFound").asLong()).isEqualTo(health.gapsFound());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
