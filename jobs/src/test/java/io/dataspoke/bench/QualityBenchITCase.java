package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.demo.DemoConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bench on a small history and a few probes: a warm-up and a counted round leave the
 * same check results on profiles (the bench fails otherwise), every probe's violation reaches the
 * webhook as an opening alert and its repair as a resolve, and the JSON carries it all. Figures are
 * only checked for consistency here; their values belong in docs/benchmarks.md.
 */
class QualityBenchITCase {

    @TempDir Path workDir;

    @Test
    void measuresCompleteRoundsAndEveryProbe() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        QualityBenchResult result =
                QualityBench.run(
                        new QualityBench.Options(
                                new DemoConfig(7, 60, 14, DemoConfig.defaults().start()),
                                1,
                                6,
                                Duration.ofMillis(300),
                                200,
                                Duration.ofSeconds(1),
                                Duration.ofMillis(500),
                                workDir),
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.rows().checkResults()).hasSize(2);
        assertThat(result.rows().profileCheckResults())
                .isPositive()
                .isLessThan(result.rows().checkResults().get(1));
        assertThat(result.rows().failingCheckResults()).isPositive();
        assertThat(result.rows().incidents()).isPositive();
        assertThat(result.rows().datasetStatuses()).isBetween(1L, 60L);
        assertThat(result.bareRecordsPerSecond()).isPositive();
        assertThat(result.judgedRecordsPerSecond()).isPositive();
        assertThat(result.wiredRecordsPerSecond()).isPositive();
        assertThat(result.wiredRatio())
                .isCloseTo(
                        result.wiredRecordsPerSecond() / result.bareRecordsPerSecond(),
                        Offset.offset(1e-9));

        QualityBenchResult.Alerts alerts = result.alerts();
        assertThat(alerts.opened().count()).isEqualTo(6);
        assertThat(alerts.resolved().count()).isEqualTo(6);
        assertThat(alerts.groupingWindowMillis()).isEqualTo(1_000);
        assertThat(alerts.outOfOrdernessMillis()).isEqualTo(500);
        assertThat(alerts.productionOutOfOrdernessMillis()).isEqualTo(300_000);
        assertThat(alerts.loadEventsPerSecond()).isPositive();
        assertThat(alerts.opened().p50()).isPositive().isLessThanOrEqualTo(alerts.opened().p99());
        assertThat(alerts.opened().p99()).isLessThanOrEqualTo(alerts.opened().max());
        assertThat(alerts.openedMinusWindow().p99())
                .isCloseTo(alerts.opened().p99() - 1_000, Offset.offset(1e-9));
        assertThat(alerts.resolved().p50()).isPositive();
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("Warm-up (not counted)", "Round 1", "Alert latency over 6 probes");

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("records").asLong()).isEqualTo(result.records());
        assertThat(json.at("/rows/incidents").asLong()).isEqualTo(result.rows().incidents());
        assertThat(json.at("/alerts/opened/p99").asDouble()).isEqualTo(alerts.opened().p99());
        assertThat(json.at("/alerts/resolved/count").asInt()).isEqualTo(6);
        assertThat(json.at("/machine/cores").asInt()).isPositive();
    }
}
