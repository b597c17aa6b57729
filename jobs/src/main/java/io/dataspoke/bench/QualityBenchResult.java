package io.dataspoke.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code dataspoke bench quality} measured.
 *
 * @param records records in each round (the whole replayed history)
 * @param rounds rounds of each job; throughput is the median round's
 * @param bareRecordsPerSecond a Kafka source into a discarding sink
 * @param judgedRecordsPerSecond the quality job with its results discarded: decode, contract
 *     checks, lineage, CEP, incident correlation and circuit breaker alone
 * @param wiredRecordsPerSecond the quality job with its Postgres sinks
 * @param judgedRatio judged throughput as a share of the bare source's
 * @param wiredRatio the whole job's throughput as a share of the bare source's
 * @param rows rows each round left in Postgres (equal in every round)
 * @param alerts the alert latency run
 */
public record QualityBenchResult(
        int records,
        int rounds,
        double bareRecordsPerSecond,
        double judgedRecordsPerSecond,
        double wiredRecordsPerSecond,
        double judgedRatio,
        double wiredRatio,
        Rows rows,
        Alerts alerts,
        Machine machine)
        implements BenchResult {

    /**
     * Rows written by one round of the whole job.
     *
     * @param profileCheckResults check results judged on profiles; equal in every round
     * @param failingCheckResults WARN and FAIL check results; equal in every round
     * @param checkResults all check results, per round, warm-up first: these vary a little, because
     *     whether a load is judged on its row count, a run's schema facet is judged, or which
     *     signal of a load resets its freshness depends on the order the source reads different
     *     topics in
     * @param incidents equal in every round
     * @param datasetStatuses equal in every round
     */
    public record Rows(
            long profileCheckResults,
            long failingCheckResults,
            List<Long> checkResults,
            long incidents,
            long datasetStatuses) {}

    /**
     * Latency from a contract violation's arrival in Kafka to its alert's request at the local
     * Slack webhook.
     *
     * @param loadEventsPerSecond background events per second actually sent during the probes
     * @param probeIntervalMillis time between probes, each on a dataset of its own
     * @param groupingWindowMillis the alert grouping window: an opening alert waits this long by
     *     design
     * @param outOfOrdernessMillis the watermark's out-of-orderness in this run: the incident
     *     correlator orders its inputs by watermark, so every alert waits about this long too
     * @param productionOutOfOrdernessMillis the out-of-orderness the jobs run with ({@code
     *     Sources.MAX_OUT_OF_ORDERNESS}), which a production alert waits instead
     * @param opened to the incident's opening alert, as measured
     * @param openedMinusWindow {@code opened} less the grouping window
     * @param resolved from a passing profile's arrival in Kafka to the resolve alert, which goes
     *     out without waiting for the window
     */
    public record Alerts(
            double loadEventsPerSecond,
            long probeIntervalMillis,
            long groupingWindowMillis,
            long outOfOrdernessMillis,
            long productionOutOfOrdernessMillis,
            Percentiles opened,
            Percentiles openedMinusWindow,
            Percentiles resolved) {}

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
        out.printf("DataSpoke quality bench: %,d records, median of %d rounds%n", records, rounds);
        out.printf("  %-44s %,12.0f records/s%n", "Kafka source -> discard", bareRecordsPerSecond);
        out.printf(
                "  %-44s %,12.0f records/s%n", "Kafka -> judge -> discard", judgedRecordsPerSecond);
        out.printf(
                "  %-44s %,12.0f records/s%n", "Kafka -> judge -> Postgres", wiredRecordsPerSecond);
        out.printf("  %-44s %12.2f%n", "ratio (judged / bare)", judgedRatio);
        out.printf("  %-44s %12.2f%n", "ratio (into Postgres / bare)", wiredRatio);
        out.printf(
                "  %-44s %,d incidents, %,d dataset statuses, %,d check results on profiles,"
                        + " %,d WARN or FAIL%n",
                "rows per round (equal in every round)",
                rows.incidents(),
                rows.datasetStatuses(),
                rows.profileCheckResults(),
                rows.failingCheckResults());
        out.printf(
                "  %-44s %s (warm-up first; see docs/benchmarks.md)%n",
                "  all check results, by round", rows.checkResults());
        out.printf(
                "  %-44s %,.0f events/s background, a probe every %,d ms, %d probes%n",
                "alert latency load",
                alerts.loadEventsPerSecond(),
                alerts.probeIntervalMillis(),
                alerts.opened().count());
        out.printf(
                "  %-44s grouping window %,d ms, watermark out-of-orderness %,d ms"
                        + " (the jobs run with %,d ms)%n",
                "delays by design",
                alerts.groupingWindowMillis(),
                alerts.outOfOrdernessMillis(),
                alerts.productionOutOfOrdernessMillis());
        line(out, "Kafka -> opening alert at the webhook", alerts.opened());
        line(out, "  less the grouping window", alerts.openedMinusWindow());
        line(
                out,
                "  less window and out-of-orderness",
                alerts.opened()
                        .minus(alerts.groupingWindowMillis() + alerts.outOfOrdernessMillis()));
        line(out, "Kafka -> resolve alert (no window)", alerts.resolved());
        out.printf("  %-44s %s%n", "machine", machine.describe());
    }

    private static void line(PrintStream out, String label, Percentiles p) {
        out.printf(
                "  %-44s p50 %,.0f ms, p90 %,.0f ms, p99 %,.0f ms, max %,.0f ms%n",
                label, p.p50(), p.p90(), p.p99(), p.max());
    }
}
