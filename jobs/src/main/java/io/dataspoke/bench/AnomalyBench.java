package io.dataspoke.bench;

import io.dataspoke.anomaly.AnomalyAlarm;
import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.DatasetDetectors;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.EwmaStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.MetricDetectors;
import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.anomaly.MetricState;
import io.dataspoke.anomaly.Point;
import io.dataspoke.anomaly.SeasonalStrategy;
import io.dataspoke.quality.anomaly.DetectorsSerializer;
import io.dataspoke.quality.anomaly.FittedForests;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * {@code dataspoke bench anomaly}: points scored per second by each anomaly detector and by the
 * ensemble, on one thread, over one seeded synthetic series; and what a trained detector costs as
 * bytes (Flink state, model rows).
 *
 * <p>The detectors: {@code ewma}, {@code seasonal} and {@code isolation-forest} with their default
 * configurations, the default {@link EnsembleStrategy} (the three of them, the configuration NAB
 * scores), and the detectors {@link MetricDetectors#forMetric} gives {@code rows_written} and
 * {@code profile} in the quality job. The lone forest reads the three features the ensemble builds
 * for its own forest, computed here beforehand (see {@link Series}).
 *
 * <p>A plain-Java harness, since JMH is not a dependency of the build: every detector scores the
 * whole series with a fresh instance per iteration, so warm-up and refits count as they do in use.
 * Rounds run every detector once, in an order that rotates by one each round, so the JIT compiles
 * all of them before the first counted round and drift on the machine touches each alike; the first
 * {@code warmups} rounds are not counted. Each iteration's scores are summed into a field the
 * compiler cannot prove dead, and the result says whether the sum was the same in every round.
 *
 * <p>Trained detectors (the ensemble, {@code rows_written}, {@code profile}, each after the whole
 * series) are wrapped in the {@link DatasetDetectors} the quality job keeps per dataset and
 * measured as the job's {@link DetectorsSerializer} writes its keyed state onto Flink's views:
 * size, write-and-read round trips, and points scored "via state", reading the state, scoring and
 * writing it back for every point, which is what keyed state in RocksDB does per point. The fitted
 * trees of a forest are not in the state: as in the job, {@link FittedForests} lends them back
 * after each read, so a forest refits on its first point through state and then on its schedule.
 */
public final class AnomalyBench {

    /** Five-minute points: 288 a day, 8,064 in four weeks. */
    public static final Duration STEP = Duration.ofMinutes(5);

    /** Four weeks of five-minute points. */
    public static final int FOUR_WEEKS = (int) (Duration.ofDays(28).toMillis() / STEP.toMillis());

    /** A Monday, midnight UTC, so the weekly profile's slots line up with the series' weeks. */
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    /** Write-and-read round trips of a trained detector per iteration, by default. */
    public static final int DEFAULT_ROUND_TRIPS = 20;

    /** Points after the series scored through a trained detector's state per iteration. */
    public static final int DEFAULT_RESTORED_POINTS = 24;

    /**
     * How to run the bench.
     *
     * @param points length of the series every detector scores per iteration
     * @param warmups rounds not counted
     * @param iterations rounds counted; the median, min and max are reported
     * @param seed seed of the series' noise and spikes
     * @param roundTrips write-and-read round trips of each trained detector per iteration
     * @param restoredPoints points after the series each trained detector scores through its
     *     serialized state per iteration
     */
    public record Options(
            int points,
            int warmups,
            int iterations,
            long seed,
            int roundTrips,
            int restoredPoints) {
        public Options {
            if (points < 2) {
                throw new IllegalArgumentException("points must be at least 2, was " + points);
            }
            if (warmups < 0) {
                throw new IllegalArgumentException("warmups must not be negative");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1");
            }
            if (roundTrips < 1 || restoredPoints < 1) {
                throw new IllegalArgumentException(
                        "roundTrips and restoredPoints must be at least 1");
            }
        }

        /** Four weeks of five-minute points, two warm-up rounds, five counted, seed 42. */
        public static Options defaults() {
            return new Options(FOUR_WEEKS, 2, 5, 42, DEFAULT_ROUND_TRIPS, DEFAULT_RESTORED_POINTS);
        }

        /** The same with another series, warm-up and count of rounds. */
        public Options with(int points, int warmups, int iterations, long seed) {
            return new Options(points, warmups, iterations, seed, roundTrips, restoredPoints);
        }
    }

    /** A detector under test: its name in the report, what it is, how to make a fresh one. */
    private record Subject(
            String name, String description, Supplier<AnomalyStrategy> fresh, Point[] points) {}

    /**
     * The series as each kind of detector reads it.
     *
     * @param values univariate points, what ewma, seasonal, the ensemble and rows_written read
     * @param lagged {@code [value, change since the previous point, distance from the mean of the
     *     previous twelve]}: exactly what the ensemble hands its isolation forest member
     * @param profiles {@code [row count, largest null ratio, column count]}: a profile's vector
     */
    record Series(Point[] values, Point[] lagged, Point[] profiles) {

        Series head(int n) {
            return new Series(
                    Arrays.copyOf(values, n), Arrays.copyOf(lagged, n), Arrays.copyOf(profiles, n));
        }

        Series tail(int from) {
            return new Series(
                    Arrays.copyOfRange(values, from, values.length),
                    Arrays.copyOfRange(lagged, from, lagged.length),
                    Arrays.copyOfRange(profiles, from, profiles.length));
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Where the compiler cannot see the scores go. */
    private static volatile double blackhole;

    private AnomalyBench() {}

    /** Runs the bench; {@code out} gets one line per round as it ends. */
    public static AnomalyBenchResult run(Options options, PrintStream out) {
        Series all = series(options.points() + options.restoredPoints(), options.seed());
        Series series = all.head(options.points());
        Series after = all.tail(options.points());
        List<Subject> subjects = subjects(series);
        int n = subjects.size();
        Rates[] rates = new Rates[n];
        Sums sums = new Sums(n);
        for (int i = 0; i < n; i++) {
            rates[i] = new Rates(options.iterations());
        }
        for (int round = 0; round < options.warmups() + options.iterations(); round++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int i = (k + round) % n;
                Subject s = subjects.get(i);
                Stopwatch watch = Stopwatch.start();
                double sum = scoreAll(s.fresh().get(), s.points());
                watch.stop();
                sums.add(round, i, sum);
                rates[i].add(round - options.warmups(), s.points().length, watch);
                line.append(
                        String.format(", %s %,.0f", s.name(), s.points().length / watch.wall()));
            }
            out.printf("%s: %s points/s%n", roundName(round, options), line.substring(2));
        }

        List<AnomalyBenchResult.Detector> detectors = new ArrayList<>();
        Rates ensemble = rates[indexOf(subjects, "ensemble")];
        for (int i = 0; i < n; i++) {
            Spread rate = rates[i].wall();
            Spread cpu = rates[i].cpu();
            detectors.add(
                    new AnomalyBenchResult.Detector(
                            subjects.get(i).name(),
                            subjects.get(i).description(),
                            rate,
                            cpu,
                            rate.median() / ensemble.wall().median(),
                            cpu.median() / ensemble.cpu().median(),
                            sums.first(i),
                            sums.same(i)));
        }

        List<AnomalyBenchResult.Model> models = new ArrayList<>();
        for (String name : List.of("ensemble", MetricSample.ROWS_WRITTEN, MetricSample.PROFILE)) {
            int i = indexOf(subjects, name);
            Point[] next = name.equals(MetricSample.PROFILE) ? after.profiles() : after.values();
            models.add(model(subjects.get(i), next, options, out, detectors.get(i)));
        }
        return new AnomalyBenchResult(
                options.points(),
                STEP.toMinutes(),
                options.warmups(),
                options.iterations(),
                options.seed(),
                detectors,
                options.roundTrips(),
                options.restoredPoints(),
                models,
                Machine.current());
    }

    private static String roundName(int round, Options options) {
        return round < options.warmups()
                ? "Warm-up (not counted)"
                : "Round " + (round - options.warmups() + 1);
    }

    private static List<Subject> subjects(Series series) {
        return List.of(
                new Subject("ewma", "EWMA, alpha 0.02", EwmaStrategy::new, series.values()),
                new Subject(
                        "seasonal",
                        "hour-of-week, daily fallback",
                        SeasonalStrategy::new,
                        series.values()),
                new Subject(
                        "isolation-forest",
                        "100 trees, [value, diff, dev]",
                        IsolationForestStrategy::new,
                        series.lagged()),
                new Subject(
                        "ensemble",
                        "default (NAB) ensemble",
                        EnsembleStrategy::new,
                        series.values()),
                new Subject(
                        MetricSample.ROWS_WRITTEN,
                        "forMetric: weekly seasonal",
                        () -> MetricDetectors.forMetric(MetricSample.ROWS_WRITTEN),
                        series.values()),
                new Subject(
                        MetricSample.PROFILE,
                        "forMetric: forest, 50 trees",
                        () -> MetricDetectors.forMetric(MetricSample.PROFILE),
                        series.profiles()));
    }

    /** A dataset's detectors as the job's keyed state holds them: Flink's serializer and views. */
    private static byte[] toState(DatasetDetectors state, DataOutputSerializer buffer) {
        buffer.clear();
        try {
            DetectorsSerializer.INSTANCE.serialize(state, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.getCopyOfBuffer();
    }

    private static DatasetDetectors fromState(byte[] bytes) {
        try {
            return DetectorsSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A detector trained on the whole series, as bytes: its size, write-and-read round trips, and
     * the points after the series scored the way keyed state in RocksDB scores them (read the
     * metric's state, score, write it back).
     */
    private static AnomalyBenchResult.Model model(
            Subject s,
            Point[] next,
            Options options,
            PrintStream out,
            AnomalyBenchResult.Detector inMemory) {
        EnsembleStrategy trained = (EnsembleStrategy) s.fresh().get();
        scoreAll(trained, s.points());
        DatasetDetectors state = new DatasetDetectors();
        state.put(s.name(), new MetricState(trained, new AnomalyAlarm(), 1));
        DataOutputSerializer buffer = new DataOutputSerializer(64 * 1024);
        byte[] bytes = toState(state, buffer);
        Rates trips = new Rates(options.iterations());
        Rates restored = new Rates(options.iterations());
        Sums sums = new Sums(1);
        for (int round = 0; round < options.warmups() + options.iterations(); round++) {
            Stopwatch watch = Stopwatch.start();
            DatasetDetectors copy = state;
            long written = 0;
            for (int t = 0; t < options.roundTrips(); t++) {
                byte[] b = toState(copy, buffer);
                written += b.length;
                copy = fromState(b);
            }
            watch.stop();
            blackhole += written;
            trips.add(round - options.warmups(), options.roundTrips(), watch);

            watch = Stopwatch.start();
            byte[] current = bytes;
            double sum = 0;
            // As the job does: forests are lent back from the heap after each read of the state.
            FittedForests forests = new FittedForests(1);
            for (Point p : next) {
                DatasetDetectors m = fromState(current);
                MetricState metric = m.get(s.name());
                forests.lend(s.name(), metric);
                sum += metric.detector().score(p).score();
                forests.keep(s.name(), metric);
                current = toState(m, buffer);
            }
            watch.stop();
            blackhole += sum;
            sums.add(round, 0, sum);
            restored.add(round - options.warmups(), next.length, watch);
        }
        double inMemoryRate = inMemory.pointsPerSecond().median();
        out.printf(
                "%s model: %,d bytes, %,.0f round trips/s, %,.0f points/s through state%n",
                s.name(), bytes.length, trips.wall().median(), restored.wall().median());
        return new AnomalyBenchResult.Model(
                s.name(),
                bytes.length,
                trips.wall(),
                trips.cpu(),
                inMemoryRate / trips.wall().median(),
                restored.wall(),
                restored.cpu(),
                restored.wall().median() / inMemoryRate,
                sums.same(0));
    }

    private static double scoreAll(AnomalyStrategy detector, Point[] points) {
        double sum = 0;
        for (Point p : points) {
            sum += detector.score(p).score();
        }
        blackhole += sum;
        return sum;
    }

    /**
     * Wall-clock and this thread's CPU time of one measurement. CPU time leaves out the time the
     * thread waited for a core on a busy machine, and also garbage-collector threads' work.
     */
    private static final class Stopwatch {
        private final long wallStart = System.nanoTime();
        private final long cpuStart = cpuNanos();
        private double wall;
        private double cpu;

        static Stopwatch start() {
            return new Stopwatch();
        }

        void stop() {
            wall = (System.nanoTime() - wallStart) / 1e9;
            cpu = (cpuNanos() - cpuStart) / 1e9;
        }

        double wall() {
            return wall;
        }

        double cpu() {
            return cpu;
        }

        private static long cpuNanos() {
            return THREADS.isCurrentThreadCpuTimeSupported()
                    ? THREADS.getCurrentThreadCpuTime()
                    : System.nanoTime();
        }
    }

    /** Rates of the counted iterations; warm-up rounds (negative iterations) are dropped. */
    private static final class Rates {
        private final double[] wall;
        private final double[] cpu;

        Rates(int iterations) {
            wall = new double[iterations];
            cpu = new double[iterations];
        }

        void add(int iteration, long count, Stopwatch watch) {
            if (iteration >= 0) {
                wall[iteration] = count / watch.wall();
                // Nanosecond CPU clocks can read 0 for a tiny run; count it at the wall rate.
                cpu[iteration] = watch.cpu() > 0 ? count / watch.cpu() : wall[iteration];
            }
        }

        Spread wall() {
            return Spread.of(wall);
        }

        Spread cpu() {
            return Spread.of(cpu);
        }
    }

    /**
     * The first round's sum of scores per subject, and whether a later round's differed. Every
     * round scores the same points from the same start, but the isolation forest's splits also draw
     * from a JVM-wide Gaussian generator (Smile's {@code GaussianDistribution} caches the second
     * value of each pair) that its seed does not reset, so its scores need not repeat.
     */
    private static final class Sums {
        private final double[] first;
        private final boolean[] same;

        Sums(int subjects) {
            first = new double[subjects];
            same = new boolean[subjects];
        }

        void add(int round, int i, double sum) {
            if (round == 0) {
                first[i] = sum;
                same[i] = true;
            } else if (Double.compare(first[i], sum) != 0) {
                same[i] = false;
            }
        }

        double first(int i) {
            return first[i];
        }

        boolean same(int i) {
            return same[i];
        }
    }

    private static int indexOf(List<Subject> subjects, String name) {
        for (int i = 0; i < subjects.size(); i++) {
            if (subjects.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no detector " + name);
    }

    /**
     * A table's rows written every five minutes, from a Monday: a level of 10,000 rising 10% over
     * four weeks, a day that peaks at 14:00 (±35%), weekends at 60%, 3% Gaussian noise, and a spike
     * (×3) or a drop (×0.2) about once every four days. The profile adds a null ratio near 2% and
     * 24 columns, with a jump of the ratio to 30% at every fourth spike.
     */
    static Series series(int points, long seed) {
        Random random = new Random(seed);
        Point[] values = new Point[points];
        Point[] lagged = new Point[points];
        Point[] profiles = new Point[points];
        double[] lags = new double[12];
        int lagCount = 0;
        int spikes = 0;
        for (int i = 0; i < points; i++) {
            long millis = START.toEpochMilli() + i * STEP.toMillis();
            double days = i * STEP.toMinutes() / (24 * 60.0);
            double hour = (days - Math.floor(days)) * 24;
            boolean weekend = Math.floorMod((long) Math.floor(days), 7) >= 5;
            double level = 10_000 * (1 + 0.1 * days / 28);
            double daily = 1 + 0.35 * Math.cos(2 * Math.PI * (hour - 14) / 24);
            double x = level * daily * (weekend ? 0.6 : 1) * (1 + 0.03 * random.nextGaussian());
            double nullRatio = Math.max(0, 0.02 + 0.002 * random.nextGaussian());
            if (random.nextDouble() < 1.0 / (4 * 288)) {
                spikes++;
                x *= spikes % 2 == 0 ? 0.2 : 3;
                if (spikes % 4 == 0) {
                    nullRatio = 0.3;
                }
            }
            x = Math.round(x);
            values[i] = Point.of(millis, x);
            // The ensemble's lag features (EnsembleStrategy.withLags), from the points before.
            double previous = lagCount == 0 ? x : lags[(i - 1) % lags.length];
            double recent = x;
            if (lagCount > 0) {
                double sum = 0;
                for (int k = 0; k < lagCount; k++) {
                    sum += lags[k];
                }
                recent = sum / lagCount;
            }
            lagged[i] = new Point(millis, new double[] {x, x - previous, x - recent});
            lags[i % lags.length] = x;
            lagCount = Math.min(lagCount + 1, lags.length);
            profiles[i] = new Point(millis, new double[] {x, nullRatio, 24});
        }
        return new Series(values, lagged, profiles);
    }
}
