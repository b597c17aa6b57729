package io.dataspoke.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.jobs.config.DataSpokeConfig;
import io.dataspoke.knowledge.Names;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.knowledge.verify.DatasetFacts;
import io.dataspoke.knowledge.verify.Verdict;
import io.dataspoke.knowledge.verify.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dataspoke verify <dataset>…}: tells an AI agent whether it may build on each dataset, as
 * JSON.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Whether each dataset is safe to build on, as JSON: status PASS, WARN or BLOCK, the"
                    + " issues (open incidents, failing contract checks, documentation gaps,"
                    + " deprecation), recommendations, and similar datasets in a better state.",
            "Exit code 3 when any dataset is BLOCK."
        })
final class VerifyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Search results looked through for alternatives. */
    static final int SIMILAR = 15;

    @Spec CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "DATASET",
            description = "Dataset URNs or names (e.g. analytics.payments.fct_txn_dly).")
    List<String> datasets;

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

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DataSpokeConfig settings = DataSpokeConfig.read(config);
        VerifyLookup lookup = new VerifyLookup(settings.postgresOptions(config, System::getenv));
        List<Verdict> verdicts = new ArrayList<>();
        try (KnowledgeIndexes.Opened opened = KnowledgeIndexes.open(index, config)) {
            KnowledgeSearch search = opened.search();
            for (String dataset : datasets) {
                List<String> urns = lookup.resolve(dataset);
                if (urns.size() > 1) {
                    err.println(
                            "dataspoke verify: '"
                                    + dataset
                                    + "' names "
                                    + urns.size()
                                    + " datasets; give one of: "
                                    + String.join(", ", urns));
                    return DataSpokeCli.BAD_USAGE;
                }
                verdicts.add(verify(dataset, urns, lookup, search));
            }
        }
        out.println(
                JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(verdicts.size() == 1 ? verdicts.get(0) : verdicts));
        out.flush();
        return verdicts.stream().anyMatch(v -> v.status().equals("BLOCK"))
                ? StatusCommand.BLOCKED
                : 0;
    }

    /**
     * The verdict on {@code dataset}, which resolved to {@code urns} (one, or none for a dataset
     * DataSpoke does not know).
     */
    static Verdict verify(
            String dataset, List<String> urns, VerifyLookup lookup, KnowledgeSearch search)
            throws IOException, SQLException {
        DatasetFacts facts =
                urns.isEmpty() ? DatasetFacts.unknown(dataset) : lookup.facts(urns.get(0));
        String about = Names.spoken(facts.name());
        var payload = search.payload(facts.urn()).orElse(null);
        if (payload != null && payload.description() != null) {
            about += " " + payload.description();
        }
        return Verifier.verdict(facts, search.search(about, SearchFilter.NONE, SIMILAR));
    }
}
