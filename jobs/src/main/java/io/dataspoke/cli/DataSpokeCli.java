package io.dataspoke.cli;

import io.dataspoke.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dataspoke} command: the demo on the embedded stack, the jobs against real endpoints,
 * migrations, benchmarks, and the anomaly detector's score on public benchmarks. Exit codes: 0
 * done, 1 failed, 2 wrong usage or configuration, 3 a dataset is blocked ({@code status}).
 */
@Command(
        name = "dataspoke",
        mixinStandardHelpOptions = true,
        versionProvider = DataSpokeCli.Version.class,
        description = "Real-time data quality and metadata health beside a DataHub catalog.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            MigrateCommand.class,
            BenchCommand.class,
            StatusCommand.class,
            AnomalyCommand.class,
            EvalCommand.class,
            SearchCommand.class,
            VerifyCommand.class,
            ServeCommand.class,
            SqlCommand.class,
            ReportCommand.class
        })
public final class DataSpokeCli {

    public static final int FAILED = 1;
    public static final int BAD_USAGE = 2;

    private DataSpokeCli() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new DataSpokeCli());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof ConfigException) {
                        commandLine.getErr().println("dataspoke: " + e.getMessage());
                        return BAD_USAGE;
                    }
                    commandLine.getErr().println("dataspoke: " + e);
                    e.printStackTrace(commandLine.getErr());
                    return FAILED;
                });
        return cli.execute(args);
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DataSpokeCli.class.getPackage().getImplementationVersion();
            return new String[] {"dataspoke " + (version == null ? "development" : version)};
        }
    }
}
