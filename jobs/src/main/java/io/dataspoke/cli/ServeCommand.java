package io.dataspoke.cli;

import io.dataspoke.jobs.config.DataSpokeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dataspoke serve}: the knowledge API over HTTP until the process is stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve /search, /verify and /status over HTTP for AI agents, described by the OpenAPI"
                    + " document at /openapi.json."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            description =
                    "YAML config naming the database and the index (see docs/configuration.md).")
    Path config;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "A local index directory, instead of the one the config names.")
    Path index;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8090",
            description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        var postgres = settings.postgresOptions(config, System::getenv);
        try (KnowledgeIndexes.Opened opened = KnowledgeIndexes.open(index, config);
                KnowledgeServer server =
                        KnowledgeServer.start(host, port, opened.search(), postgres)) {
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Serving /search, /verify and /status on http://%s:%d (OpenAPI at"
                                    + " /openapi.json); Ctrl-C stops%n",
                            host, server.port());
            spec.commandLine().getOut().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }
}
