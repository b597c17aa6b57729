package io.dataspoke.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;

/**
 * What {@code dataspoke bench ingest} measured.
 *
 * @param records records in each round (the whole replayed history)
 * @param rounds rounds of each job; throughput is the median round's
 * @param bareRecordsPerSecond a Kafka source into a discarding sink
 * @param withoutSinksRecordsPerSecond the ingest job with its outputs discarded instead of written:
 *     decoding and keyed state alone
 * @param ingestRecordsPerSecond the ingest job: decode, keyed RocksDB state, Postgres upserts
 * @param ratio ingest throughput as a share of the bare source's (1.0 = as fast as reading Kafka)
 * @param rows rows each ingest round left in Postgres (equal in every round)
 * @param latencyMillis produce-to-visible-in-Postgres latency of the probes
 */
public record IngestBenchResult(
        int records,
        int rounds,
        double bareRecordsPerSecond,
        double withoutSinksRecordsPerSecond,
        double ingestRecordsPerSecond,
        double ratio,
        Rows rows,
        Percentiles latencyMillis,
        Machine machine)
        implements BenchResult {

    /** Rows written by one ingest round. */
    public record Rows(long entities, long datasetMetrics, long pipelineRuns) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result as one line of JSON. */
    @Override
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result as a person reads it. */
    @Override
    public void print(PrintStream out) {
        out.println();
        out.printf("DataSpoke ingest bench: %,d records, median of %d rounds%n", records, rounds);
        out.printf("  %-40s %,12.0f records/s%n", "Kafka source -> discard", bareRecordsPerSecond);
        out.printf(
                "  %-40s %,12.0f records/s%n",
                "Kafka -> decode -> RocksDB -> discard", withoutSinksRecordsPerSecond);
        out.printf(
                "  %-40s %,12.0f records/s%n",
                "Kafka -> decode -> RocksDB -> Postgres", ingestRecordsPerSecond);
        out.printf("  %-40s %12.2f%n", "ratio (ingest / bare)", ratio);
        out.printf(
                "  %-40s %,d entities, %,d metrics, %,d run events%n",
                "rows per round", rows.entities(), rows.datasetMetrics(), rows.pipelineRuns());
        out.printf(
                "  %-40s p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (%d probes)%n",
                "produce -> visible in Postgres",
                latencyMillis.p50(),
                latencyMillis.p90(),
                latencyMillis.p99(),
                latencyMillis.max(),
                latencyMillis.count());
        out.printf("  %-40s %s%n", "machine", machine.describe());
    }
}
