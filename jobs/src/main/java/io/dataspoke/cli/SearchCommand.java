package io.dataspoke.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.search.SearchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dataspoke search "<question>"}: natural-language search over the catalog. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Find datasets by what they hold, in plain words: semantic and keyword matches fused,"
                    + " then datasets with open incidents, a BLOCK or WARN status, poor"
                    + " documentation or a deprecation ranked lower, with the reasons shown."
        })
final class SearchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "What you are looking for.")
    String query;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "A local index directory (the demo prints its own).")
    Path index;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML config naming the index (see docs/configuration.md).")
    Path config;

    @Option(names = "--platform", description = "Only this platform (e.g. snowflake).")
    String platform;

    @Option(names = "--domain", description = "Only this domain URN.")
    String domain;

    @Option(names = "--team", description = "Only datasets of this team.")
    String team;

    @Option(names = "--tag", description = "Only datasets with this tag URN.")
    String tag;

    @Option(names = "--min-health", description = "Only datasets documented at least this well.")
    Double minHealth;

    @Option(names = "--exclude-deprecated", description = "Leave deprecated datasets out.")
    boolean excludeDeprecated;

    @Option(
            names = "--limit",
            defaultValue = "10",
            description = "Results to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (index == null && config == null) {
            err.println("dataspoke search: give --index <directory> or --config <file>");
            return DataSpokeCli.BAD_USAGE;
        }
        if (limit < 1 || query.isBlank()) {
            err.println("dataspoke search: the question must not be empty and --limit at least 1");
            return DataSpokeCli.BAD_USAGE;
        }
        SearchFilter filter =
                new SearchFilter(platform, domain, team, tag, minHealth, !excludeDeprecated);
        try (KnowledgeIndexes.Opened opened = KnowledgeIndexes.open(index, config)) {
            List<SearchResult> results = opened.search().search(query, filter, limit);
            if (json) {
                out.println(JSON.writeValueAsString(results));
            } else {
                print(results, out);
            }
        }
        out.flush();
        return 0;
    }

    static void print(List<SearchResult> results, PrintWriter out) {
        if (results.isEmpty()) {
            out.println("No dataset matches.");
            return;
        }
        for (SearchResult r : results) {
            var d = r.dataset();
            out.printf(
                    Locale.ROOT,
                    "%2d. %s  [%s%s%s]%n",
                    r.rank(),
                    d.name(),
                    d.platform(),
                    d.qualityStatus() == null ? "" : ", " + d.qualityStatus(),
                    d.healthScore() == null
                            ? ""
                            : String.format(Locale.ROOT, ", health %.0f", d.healthScore()));
            out.println("    " + d.urn());
            if (d.description() != null) {
                String text = d.description().strip();
                out.println("    " + (text.length() > 120 ? text.substring(0, 117) + "..." : text));
            }
            out.println("    matched: " + String.join("; ", r.matched()));
            if (!r.cautions().isEmpty()) {
                out.println("    ranked lower: " + String.join(", ", r.cautions()));
            }
        }
    }
}
