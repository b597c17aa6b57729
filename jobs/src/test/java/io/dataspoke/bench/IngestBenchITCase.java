package io.dataspoke.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.event.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest bench on a small history: every round writes the whole history (so the throughput
 * figures are over complete runs), every probe is seen in Postgres, and the JSON carries it all.
 * Figures are only checked for plausibility here; their values belong in docs/benchmarks.md.
 */
class IngestBenchITCase {

    @TempDir Path workDir;

    @Test
    void measuresCompleteRoundsAndEveryProbe() throws Exception {
        DemoConfig data = new DemoConfig(7, 60, 14, DemoConfig.defaults().start());
        long runEvents =
                DemoGenerator.generate(data).records().stream()
                        .filter(r -> r.topic().equals(Topics.DEFAULTS.openLineage()))
                        .count();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        IngestBenchResult result =
                IngestBench.run(
                        new IngestBench.Options(data, 2, 60, 200, workDir),
                        new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(result.rows().pipelineRuns()).isEqualTo(runEvents);
        assertThat(result.rows().entities()).isBetween(55L, 60L);
        assertThat(result.rows().datasetMetrics()).isGreaterThan(runEvents / 2);
        assertThat(result.bareRecordsPerSecond()).isPositive();
        assertThat(result.ingestRecordsPerSecond()).isPositive();
        assertThat(result.ratio())
                .isCloseTo(
                        result.ingestRecordsPerSecond() / result.bareRecordsPerSecond(),
                        org.assertj.core.data.Offset.offset(1e-9));
        Percentiles latency = result.latencyMillis();
        assertThat(latency.count()).isEqualTo(60);
        assertThat(latency.p50()).isPositive().isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.max());
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("Warm-up (not counted)", "Round 1", "Round 2");

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertThat(json.get("records").asLong()).isEqualTo(result.records());
        assertThat(json.at("/latencyMillis/p99").asDouble()).isEqualTo(latency.p99());
        assertThat(json.at("/machine/cores").asInt()).isPositive();
    }
}
