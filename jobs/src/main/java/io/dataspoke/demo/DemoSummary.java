package io.dataspoke.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a demo run did, read back from Postgres: what was replayed, what the job made of it and how
 * long each phase took.
 *
 * @param recordsByTopic records replayed into Kafka, by topic
 * @param entitiesByType rows in {@code entities} by entity type (soft-deleted included)
 * @param softDeleted entities marked removed
 * @param metricsBySource rows in {@code dataset_metrics} by source
 * @param runsByType rows in {@code pipeline_runs} by event type
 * @param deadLetters rows in {@code dead_letters}
 * @param health the metadata-health job's conclusions against the ground truth
 * @param quality the quality-monitor job's conclusions against the ground truth
 * @param seconds wall time of each phase: start, generate, replay, catch-up, total
 */
public record DemoSummary(
        long seed,
        int datasets,
        int days,
        String dashboardUrl,
        String groundTruthFile,
        Map<String, Long> recordsByTopic,
        Map<String, Long> entitiesByType,
        long softDeleted,
        Map<String, Long> metricsBySource,
        Map<String, Long> runsByType,
        long deadLetters,
        HealthSummary health,
        QualitySummary quality,
        KnowledgeSummary knowledge,
        Map<String, Double> seconds) {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The summary as one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The summary as a person reads it. */
    public void print(PrintStream out) {
        out.println();
        out.printf("DataSpoke demo: seed %d, %d datasets, %d days%n", seed, datasets, days);
        section(out, "Events replayed into Kafka", recordsByTopic);
        section(out, "Entities in Postgres (by type)", entitiesByType);
        out.printf("  %-44s %,10d%n", "of which soft-deleted", softDeleted);
        section(out, "Dataset metric rows (by source)", metricsBySource);
        section(out, "Pipeline run events (by state)", runsByType);
        out.printf("%-46s %,10d%n", "Dead letters", deadLetters);
        health.print(out);
        quality.print(out);
        knowledge.print(out);
        out.println();
        out.printf(
                "Took %.1f s: stack %.1f s, generate %.1f s, replay %.1f s, jobs catching up,"
                        + " digests and rollup %.1f s (rollup alone %.1f s)%n",
                seconds.getOrDefault("total", 0.0),
                seconds.getOrDefault("start", 0.0),
                seconds.getOrDefault("generate", 0.0),
                seconds.getOrDefault("replay", 0.0),
                seconds.getOrDefault("catchUp", 0.0),
                seconds.getOrDefault("rollup", 0.0));
        out.println("Ground truth of injected incidents and gaps: " + groundTruthFile);
    }

    private static void section(PrintStream out, String title, Map<String, Long> counts) {
        out.printf(
                "%-46s %,10d%n", title, counts.values().stream().mapToLong(Long::longValue).sum());
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  %-44s %,10d%n", e.getKey(), e.getValue()));
    }
}
