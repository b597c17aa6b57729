package io.dataspoke.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code dataspoke bench anomaly} measured.
 *
 * @param points length of the series each detector scored per iteration
 * @param stepMinutes minutes between the series' points
 * @param warmups rounds not counted
 * @param iterations rounds counted
 * @param seed seed of the series
 * @param detectors each detector's points per second, ensemble included
 * @param roundTrips write-and-read round trips per iteration of a model's measurement
 * @param restoredPoints points after the series scored through serialized state per iteration
 * @param models trained detectors as bytes
 */
public record AnomalyBenchResult(
        int points,
        long stepMinutes,
        int warmups,
        int iterations,
        long seed,
        List<Detector> detectors,
        int roundTrips,
        int restoredPoints,
        List<Model> models,
        Machine machine)
        implements BenchResult {

    /**
     * One detector scoring the series from scratch, on one thread.
     *
     * @param name {@code ewma}, {@code seasonal}, {@code isolation-forest}, {@code ensemble}, or a
     *     metric whose detector {@code MetricDetectors.forMetric} builds
     * @param description configuration and input, in a few words
     * @param pointsPerSecond points scored per second of wall-clock time, fresh detector included
     * @param pointsPerCpuSecond the same per second of the bench thread's CPU time: higher than
     *     {@code pointsPerSecond} when the thread waited for a core, or garbage collectors ran
     * @param ratioToEnsemble median points per second over the ensemble's, in the same run
     * @param cpuRatioToEnsemble the same per CPU second: steadier on a machine other work shares
     * @param scoreSum sum of the scores of the first round
     * @param sameScoresEveryRound whether every round summed to {@code scoreSum}; false where an
     *     isolation forest's splits depend on Smile's JVM-wide Gaussian generator
     */
    public record Detector(
            String name,
            String description,
            Spread pointsPerSecond,
            Spread pointsPerCpuSecond,
            double ratioToEnsemble,
            double cpuRatioToEnsemble,
            double scoreSum,
            boolean sameScoresEveryRound) {}

    /**
     * A detector trained on the series, wrapped in the {@code MetricState} the quality job keeps
     * per dataset metric, as {@code AnomalyModels} bytes.
     *
     * @param name the detector's name in {@link #detectors()}
     * @param bytes serialized size of the keyed state (AnomalyModels.writeState)
     * @param roundTripsPerSecond write then read, per second
     * @param roundTripsPerCpuSecond the same per second of CPU time
     * @param pointsPerRoundTrip points the detector scores in memory in the time of one round trip
     * @param restoredPointsPerSecond points scored per second when each one reads the state, scores
     *     and writes it back, as keyed state in RocksDB does
     * @param restoredPointsPerCpuSecond the same per second of CPU time
     * @param restoredRatio restored points per second over in-memory points per second
     * @param restoredSameScoresEveryRound whether the restored points' scores summed the same in
     *     every round; false where a restored isolation forest, refitted on its first point, drew
     *     from Smile's JVM-wide Gaussian generator
     */
    public record Model(
            String name,
            int bytes,
            Spread roundTripsPerSecond,
            Spread roundTripsPerCpuSecond,
            double pointsPerRoundTrip,
            Spread restoredPointsPerSecond,
            Spread restoredPointsPerCpuSecond,
            double restoredRatio,
            boolean restoredSameScoresEveryRound) {}

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
        out.printf(
                "DataSpoke anomaly bench: %,d points every %d minutes (seed %d), one thread,"
                        + " median of %d iterations after %d warm-up rounds%n",
                points, stepMinutes, seed, iterations, warmups);
        out.printf(
                "  %-17s %-30s %12s %12s %12s %12s %12s %8s%n",
                "detector", "", "points/s", "min", "max", "per CPU-s", "vs ensemble", "(CPU)");
        for (Detector d : detectors) {
            out.printf(
                    "  %-17s %-30s %,12.0f %,12.0f %,12.0f %,12.0f %11.2fx %7.2fx%n",
                    d.name(),
                    d.description(),
                    d.pointsPerSecond().median(),
                    d.pointsPerSecond().min(),
                    d.pointsPerSecond().max(),
                    d.pointsPerCpuSecond().median(),
                    d.ratioToEnsemble(),
                    d.cpuRatioToEnsemble());
        }
        out.println();
        out.printf(
                "  %-17s %10s %14s %12s %12s %14s %12s %12s%n",
                "trained model",
                "bytes",
                "round trips/s",
                "per CPU-s",
                "points/trip",
                "via state/s",
                "per CPU-s",
                "vs memory");
        for (Model m : models) {
            out.printf(
                    "  %-17s %,10d %,14.1f %,12.1f %,12.0f %,14.1f %,12.1f %11.4fx%n",
                    m.name(),
                    m.bytes(),
                    m.roundTripsPerSecond().median(),
                    m.roundTripsPerCpuSecond().median(),
                    m.pointsPerRoundTrip(),
                    m.restoredPointsPerSecond().median(),
                    m.restoredPointsPerCpuSecond().median(),
                    m.restoredRatio());
        }
        out.printf(
                "  round trip: write and read the keyed state (DatasetDetectors) (%d per"
                    + " iteration); points/trip: points scored in memory in the time of one; via"
                    + " state: read, score the next point, write (%d points)%n",
                roundTrips, restoredPoints);
        List<String> varying = new java.util.ArrayList<>();
        detectors.stream()
                .filter(d -> !d.sameScoresEveryRound())
                .forEach(d -> varying.add(d.name()));
        models.stream()
                .filter(m -> !m.restoredSameScoresEveryRound())
                .forEach(m -> varying.add(m.name() + " via state"));
        if (!varying.isEmpty()) {
            out.printf(
                    "  scores differed between rounds (Smile's JVM-wide Gaussian generator): %s%n",
                    String.join(", ", varying));
        }
        out.printf("  machine: %s%n", machine.describe());
    }
}
