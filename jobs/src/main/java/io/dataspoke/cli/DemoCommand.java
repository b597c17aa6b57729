package io.dataspoke.cli;

import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoRunner;
import io.dataspoke.demo.DemoSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dataspoke demo}: the whole product on the embedded stack with generated data. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Start embedded Kafka, PostgreSQL and Flink, replay a generated organisation's"
                        + " DataHub history into Kafka, run the jobs over it and print a summary.")
final class DemoCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--datasets",
            defaultValue = "300",
            description = "Datasets in the organisation (default ${DEFAULT-VALUE}).")
    int datasets;

    @Option(
            names = "--days",
            defaultValue = "28",
            description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--speed",
            defaultValue = "0",
            description = "Replay pace in records per second; 0 = as fast as possible (default).")
    double speed;

    @Option(
            names = "--web-port",
            defaultValue = "8081",
            description = "Flink dashboard port, 0 = any free one (default ${DEFAULT-VALUE}).")
    int webPort;

    @Option(
            names = "--work-dir",
            description = "Where the stack keeps its data (default: a new temporary directory).")
    Path workDir;

    @Option(
            names = "--keep-running",
            description = "Leave the stack, job and dashboard running after the summary.")
    boolean keepRunning;

    @Option(
            names = "--json",
            description = "Print the summary as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Path dir = workDir != null ? workDir : Files.createTempDirectory("dataspoke-demo-");
        DemoConfig data = new DemoConfig(seed, datasets, days, DemoConfig.defaults().start());
        DemoSummary summary =
                DemoRunner.run(
                        new DemoRunner.Options(data, speed, webPort, dir, keepRunning, !json), out);
        if (json) {
            out.println(summary.toJson());
        } else {
            summary.print(out);
        }
        if (keepRunning) {
            Thread.currentThread().join();
        }
        return 0;
    }
}
