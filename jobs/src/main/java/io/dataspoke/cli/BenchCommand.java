package io.dataspoke.cli;

import io.dataspoke.bench.AnomalyBench;
import io.dataspoke.bench.BenchResult;
import io.dataspoke.bench.HealthBench;
import io.dataspoke.bench.IngestBench;
import io.dataspoke.bench.KnowledgeBench;
import io.dataspoke.bench.QualityBench;
import io.dataspoke.demo.DemoConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataspoke bench <name>}: benchmarks on the embedded stack (see docs/benchmarks.md). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks on the embedded stack, and of the anomaly detectors and the knowledge"
                        + " base alone; results in docs/benchmarks.md.",
        subcommands = {
            BenchCommand.Ingest.class,
            BenchCommand.Health.class,
            BenchCommand.Quality.class,
            BenchCommand.Anomaly.class,
            BenchCommand.Knowledge.class
        })
final class BenchCommand {

    /**
     * Runs a bench with its progress on standard output (none with {@code --json}) and prints its
     * result for people, or as JSON on the last line.
     */
    static int report(boolean json, Bench bench) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        PrintStream progress = json ? new PrintStream(OutputStream.nullOutputStream()) : out;
        BenchResult result = bench.run(progress);
        if (json) {
            out.println(result.toJson());
        } else {
            result.print(out);
        }
        return 0;
    }

    /** One bench run, reporting progress to the stream it is given. */
    @FunctionalInterface
    interface Bench {
        BenchResult run(PrintStream progress) throws Exception;
    }

    /** {@code dataspoke bench ingest}. */
    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description =
                    "Throughput of Kafka -> decode -> RocksDB state -> Postgres against a bare"
                            + " Kafka source over the same records, and produce-to-Postgres"
                            + " latency percentiles.")
    static final class Ingest implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
        long seed;

        @Option(
                names = "--datasets",
                defaultValue = "300",
                description = "Datasets in the replayed history (default ${DEFAULT-VALUE}).")
        int datasets;

        @Option(
                names = "--days",
                defaultValue = "28",
                description = "Days of history (default ${DEFAULT-VALUE}).")
        int days;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Rounds of each job; the median counts (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--probes",
                defaultValue = "1000",
                description = "Latency probes (default ${DEFAULT-VALUE}).")
        int probes;

        @Option(
                names = "--probe-rate",
                defaultValue = "100",
                description = "Probes per second (default ${DEFAULT-VALUE}).")
        double probeRate;

        @Option(names = "--work-dir", description = "Where the stack keeps its data.")
        Path workDir;

        @Option(names = "--json", description = "Print the result as JSON on the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("dataspoke-bench-");
            DemoConfig data = new DemoConfig(seed, datasets, days, DemoConfig.defaults().start());
            return report(
                    json,
                    progress ->
                            IngestBench.run(
                                    new IngestBench.Options(data, rounds, probes, probeRate, dir),
                                    progress));
        }
    }

    /** {@code dataspoke bench health}. */
    @Command(
            name = "health",
            mixinStandardHelpOptions = true,
            description =
                    "Audited entity changes per second through the metadata-health job, against a"
                            + " bare Kafka source over the same change logs.")
    static final class Health implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
        long seed;

        @Option(
                names = "--copies",
                defaultValue = "30",
                description =
                        "Copies of the demo catalog's change logs (default ${DEFAULT-VALUE}).")
        int copies;

        @Option(
                names = "--rounds",
                defaultValue = "3",
                description = "Rounds of each job; the median counts (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--work-dir", description = "Where the stack keeps its data.")
        Path workDir;

        @Option(names = "--json", description = "Print the result as JSON on the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("dataspoke-bench-");
            return report(
                    json,
                    progress ->
                            HealthBench.run(
                                    new HealthBench.Options(
                                            DemoConfig.defaults().withSeed(seed),
                                            copies,
                                            rounds,
                                            dir),
                                    progress));
        }
    }

    /** {@code dataspoke bench quality}. */
    @Command(
            name = "quality",
            mixinStandardHelpOptions = true,
            description =
                    "Throughput of the quality monitor (judging alone, then into Postgres) against"
                            + " a bare Kafka source over the demo history, and latency from a"
                            + " contract violation's arrival in Kafka to its Slack alert under a"
                            + " steady background load.")
    static final class Quality implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
        long seed;

        @Option(
                names = "--datasets",
                defaultValue = "150",
                description =
                        "Datasets in the replayed history; the job judges about 7,000 records/s"
                                + " on two cores, so half the demo's catalog over two weeks keeps"
                                + " the bench near three minutes (default ${DEFAULT-VALUE}).")
        int datasets;

        @Option(
                names = "--days",
                defaultValue = "14",
                description = "Days of history (default ${DEFAULT-VALUE}).")
        int days;

        @Option(
                names = "--rounds",
                defaultValue = "2",
                description = "Rounds of each job; the median counts (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--probes",
                defaultValue = "100",
                description =
                        "Contract violations timed to their alert (default ${DEFAULT-VALUE}).")
        int probes;

        @Option(
                names = "--probe-interval",
                defaultValue = "PT0.5S",
                description = "Time between probes, ISO-8601 (default ${DEFAULT-VALUE}).")
        Duration probeInterval;

        @Option(
                names = "--load",
                defaultValue = "1000",
                description =
                        "Background profiles and operations per second during the probes"
                                + " (default ${DEFAULT-VALUE}).")
        double load;

        @Option(
                names = "--grouping-window",
                defaultValue = "PT1S",
                description =
                        "Alert grouping window, ISO-8601; the jobs default to PT5M"
                                + " (default ${DEFAULT-VALUE}).")
        Duration groupingWindow;

        @Option(
                names = "--out-of-orderness",
                defaultValue = "PT1S",
                description =
                        "Watermark out-of-orderness of the latency run, ISO-8601; the jobs run with"
                                + " PT5M (default ${DEFAULT-VALUE}).")
        Duration outOfOrderness;

        @Option(names = "--work-dir", description = "Where the stack keeps its data.")
        Path workDir;

        @Option(names = "--json", description = "Print the result as JSON on the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("dataspoke-bench-");
            DemoConfig data = new DemoConfig(seed, datasets, days, DemoConfig.defaults().start());
            return report(
                    json,
                    progress ->
                            QualityBench.run(
                                    new QualityBench.Options(
                                            data,
                                            rounds,
                                            probes,
                                            probeInterval,
                                            load,
                                            groupingWindow,
                                            outOfOrderness,
                                            dir),
                                    progress));
        }
    }

    /** {@code dataspoke bench anomaly}. */
    @Command(
            name = "anomaly",
            mixinStandardHelpOptions = true,
            description =
                    "Points scored per second by each anomaly detector and by the ensemble, on one"
                            + " thread over a seeded synthetic series, as ratios to the ensemble;"
                            + " and a trained detector's size and cost as serialized state.")
    static final class Anomaly implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "42", description = "Series seed.")
        long seed;

        @Option(
                names = "--points",
                defaultValue = "8064",
                description =
                        "Five-minute points in the series; 8064 is four weeks"
                                + " (default ${DEFAULT-VALUE}).")
        int points;

        @Option(
                names = "--warmups",
                defaultValue = "2",
                description = "Rounds not counted (default ${DEFAULT-VALUE}).")
        int warmups;

        @Option(
                names = "--iterations",
                defaultValue = "5",
                description =
                        "Rounds counted; the median, min and max are reported"
                                + " (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--json", description = "Print the result as JSON on the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return report(
                    json,
                    progress ->
                            AnomalyBench.run(
                                    AnomalyBench.Options.defaults()
                                            .with(points, warmups, iterations, seed),
                                    progress));
        }
    }

    /** {@code dataspoke bench knowledge}. */
    @Command(
            name = "knowledge",
            mixinStandardHelpOptions = true,
            description =
                    "Search documents built, embedded and indexed per second on the local store"
                            + " with each embedding model (and the share of each step), and"
                            + " search latency percentiles over an index of 100,000 documents.")
    static final class Knowledge implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "42", description = "Generator seed.")
        long seed;

        @Option(
                names = "--documents",
                defaultValue = "100000",
                description =
                        "Documents in the index searched: the pool and perturbed copies of it"
                                + " (default ${DEFAULT-VALUE}).")
        int documents;

        @Option(
                names = "--pool",
                defaultValue = "2000",
                description =
                        "Tables built, embedded and indexed for real with each model"
                                + " (default ${DEFAULT-VALUE}).")
        int pool;

        @Option(
                names = "--queries",
                defaultValue = "300",
                description = "Questions timed (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(
                names = "--warmups",
                defaultValue = "30",
                description = "Questions asked first, not counted (default ${DEFAULT-VALUE}).")
        int warmups;

        @Option(
                names = "--work-dir",
                description =
                        "Where the indexes are written and kept; a temporary directory,"
                                + " deleted after, by default.")
        Path workDir;

        @Option(names = "--json", description = "Print the result as JSON on the last line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            return report(
                    json,
                    progress ->
                            KnowledgeBench.run(
                                    KnowledgeBench.Options.defaults()
                                            .with(pool, documents, queries, warmups, seed)
                                            .in(workDir),
                                    progress));
        }
    }
}
