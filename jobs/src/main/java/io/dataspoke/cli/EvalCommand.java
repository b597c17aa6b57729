package io.dataspoke.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.SeasonalStrategy;
import io.dataspoke.anomaly.nab.NabCorpus;
import io.dataspoke.anomaly.nab.NabEvaluation;
import io.dataspoke.anomaly.nab.NabProfile;
import io.dataspoke.anomaly.nab.NabReport;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.eval.RetrievalEvaluation;
import io.dataspoke.knowledge.eval.RetrievalMetrics;
import io.dataspoke.knowledge.eval.RetrievalSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dataspoke eval <benchmark>}: the anomaly detector and the search scored on public
 * benchmarks.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Score the anomaly detector or the search on a public benchmark.",
        subcommands = {EvalCommand.Nab.class, EvalCommand.Retrieval.class})
final class EvalCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCommand() {}

    /** {@code dataspoke eval nab}. */
    @Command(
            name = "nab",
            mixinStandardHelpOptions = true,
            description = {
                "The Numenta Anomaly Benchmark v1.1 score of the detector: per profile the corpus"
                        + " threshold that maximises the raw score, the raw score, and the"
                        + " normalised score (0 = null detector, 100 = perfect).",
                "Per-file results go to --out in NAB's results layout, so NAB's own scripts can"
                        + " check them."
            })
    static final class Nab implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--data",
                required = true,
                paramLabel = "DIR",
                description = "NAB's data directory, <category>/<name>.csv files.")
        Path data;

        @Option(
                names = "--labels",
                required = true,
                paramLabel = "FILE",
                description =
                        "NAB's labels/combined_windows.json; entries without a data file are"
                                + " ignored.")
        Path labels;

        @Option(
                names = "--profiles",
                paramLabel = "FILE",
                description =
                        "NAB's config/profiles.json (default: NAB v1.1's three profiles, built"
                                + " in).")
        Path profiles;

        @Option(
                names = "--out",
                defaultValue = "target/nab-results",
                paramLabel = "DIR",
                description = "Where the results go (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Mixin EnsembleOptions ensemble;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            EnsembleStrategy.Config config;
            SeasonalStrategy.Config seasonal;
            try {
                config = ensemble.config();
                seasonal = ensemble.seasonal();
            } catch (IllegalArgumentException e) {
                stderr.println(
                        "dataspoke eval nab: invalid ensemble configuration: " + e.getMessage());
                stderr.flush();
                return DataSpokeCli.BAD_USAGE;
            }
            String problem = problem();
            if (problem != null) {
                stderr.println("dataspoke eval nab: " + problem);
                stderr.flush();
                return DataSpokeCli.BAD_USAGE;
            }
            List<NabProfile> costs =
                    profiles == null ? NabProfile.defaults() : NabProfile.read(profiles);
            NabCorpus corpus = NabCorpus.read(data, labels);
            if (corpus.windowCount() == 0) {
                stderr.println(
                        "dataspoke eval nab: no data file under "
                                + data
                                + " has an anomaly window in "
                                + labels
                                + ", so there is nothing to score");
                stderr.flush();
                return DataSpokeCli.BAD_USAGE;
            }
            long start = System.nanoTime();
            IsolationForestStrategy.Config forest = ensemble.forest();
            Supplier<AnomalyStrategy> detector =
                    () -> new EnsembleStrategy(config, forest, seasonal);
            NabReport report = new NabEvaluation(corpus, costs).run(out, detector);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (json) {
                stdout.println(toJson(report, config, forest, seasonal, seconds, out));
            } else {
                print(report, config, forest, seasonal, seconds, out, stdout);
            }
            stdout.flush();
            return 0;
        }

        /** What is wrong with the paths given, or null. */
        private String problem() {
            if (!Files.isDirectory(data)) {
                return "data directory " + data + " does not exist";
            }
            if (!Files.isRegularFile(labels)) {
                return "labels file " + labels + " does not exist";
            }
            if (profiles != null && !Files.isRegularFile(profiles)) {
                return "profiles file " + profiles + " does not exist";
            }
            return null;
        }
    }

    /** {@code dataspoke eval retrieval}. */
    @Command(
            name = "retrieval",
            mixinStandardHelpOptions = true,
            description = {
                "Table retrieval: indexes the tables as search documents, asks every question of"
                        + " DataSpoke's search and of a plain BM25 baseline in the same run, and"
                        + " reports Recall@1/5/10, full@5/10 and MRR for both."
            })
    static final class Retrieval implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--tables",
                required = true,
                paramLabel = "FILE",
                description = "tables.jsonl: one table a line (table_id, db_id, table, columns).")
        Path tables;

        @Option(
                names = "--questions",
                required = true,
                paramLabel = "FILE",
                description =
                        "questions.jsonl: one question a line (qid, question, gold_table_ids).")
        Path questions;

        @Option(
                names = "--model",
                defaultValue = "all-minilm-l6-v2",
                paramLabel = "MODEL",
                description =
                        "The embedding model: all-minilm-l6-v2 or bge-small-en-v1.5"
                                + " (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            for (Path file : List.of(tables, questions)) {
                if (!Files.isRegularFile(file)) {
                    stderr.println("dataspoke eval retrieval: " + file + " does not exist");
                    stderr.flush();
                    return DataSpokeCli.BAD_USAGE;
                }
            }
            EmbeddingModel embedding;
            try {
                embedding = EmbeddingModel.of(model);
            } catch (IllegalArgumentException e) {
                stderr.println("dataspoke eval retrieval: --model: " + e.getMessage());
                stderr.flush();
                return DataSpokeCli.BAD_USAGE;
            }
            RetrievalSet set = RetrievalSet.load(tables, questions);
            RetrievalEvaluation.Result result =
                    RetrievalEvaluation.run(set, new TextEmbedder(embedding));
            if (json) {
                stdout.println(toJson(result, embedding));
            } else {
                print(result, embedding, stdout);
            }
            stdout.flush();
            return 0;
        }
    }

    static String toJson(RetrievalEvaluation.Result result, EmbeddingModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tables", result.tables());
        root.put("questions", result.dataspoke().questions());
        root.put("model", model.id());
        put(root.putObject("dataspoke"), result.dataspoke());
        put(root.putObject("keywordsOnly"), result.keywordsOnly());
        put(root.putObject("meaningOnly"), result.meaningOnly());
        put(root.putObject("bm25"), result.bm25());
        root.put("indexSeconds", result.indexSeconds());
        root.put("searchSeconds", result.searchSeconds());
        return root.toString();
    }

    private static void put(ObjectNode node, RetrievalMetrics m) {
        node.put("recallAt1", m.recallAt1());
        node.put("recallAt5", m.recallAt5());
        node.put("recallAt10", m.recallAt10());
        node.put("fullAt5", m.fullAt5());
        node.put("fullAt10", m.fullAt10());
        node.put("mrr", m.mrr());
    }

    static void print(RetrievalEvaluation.Result result, EmbeddingModel model, PrintWriter out) {
        out.printf(
                "Table retrieval over %d tables, %d questions (embedding model %s)%n",
                result.tables(), result.dataspoke().questions(), model.id());
        out.printf(
                "  %-24s %6s %6s %6s %7s %7s %6s%n",
                "", "R@1", "R@5", "R@10", "full@5", "full@10", "MRR");
        row(out, "DataSpoke", result.dataspoke());
        row(out, "  its keywords alone", result.keywordsOnly());
        row(out, "  its embeddings alone", result.meaningOnly());
        row(out, "BM25 baseline", result.bm25());
        out.printf(
                "  indexed in %.1f s; %d questions asked of each search in %.1f s%n",
                result.indexSeconds(), result.dataspoke().questions(), result.searchSeconds());
    }

    private static void row(PrintWriter out, String name, RetrievalMetrics m) {
        out.printf(
                "  %-24s %6.1f %6.1f %6.1f %7.1f %7.1f %6.3f%n",
                name,
                100 * m.recallAt1(),
                100 * m.recallAt5(),
                100 * m.recallAt10(),
                100 * m.fullAt5(),
                100 * m.fullAt10(),
                m.mrr());
    }

    static String toJson(
            NabReport report,
            EnsembleStrategy.Config config,
            IsolationForestStrategy.Config forest,
            SeasonalStrategy.Config seasonal,
            double seconds,
            Path out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("detector", report.detector());
        root.set("config", JSON.valueToTree(config));
        root.set("forest", JSON.valueToTree(forest));
        root.putObject("seasonal").put("hourScaleWindow", seasonal.hourScaleWindow());
        root.put("files", report.files());
        root.put("rows", report.rows());
        root.put("windows", report.windows());
        root.put("rowsPerSecond", Math.round(report.rowsPerSecond()));
        root.put("seconds", seconds);
        root.put("results", out.resolve(report.detector()).toString());
        ObjectNode profiles = root.putObject("profiles");
        for (NabReport.ProfileScore profile : report.profiles()) {
            ObjectNode node = profiles.putObject(profile.profile());
            node.put("threshold", profile.threshold());
            node.put("rawScore", profile.rawScore());
            node.put("score", profile.normalisedScore());
            node.put("windowsFound", profile.windowsFound());
            node.put("falsePositives", profile.falsePositives());
            ObjectNode categories = node.putObject("categories");
            for (NabReport.CategoryScore category : profile.categories()) {
                ObjectNode c = categories.putObject(category.category());
                c.put("files", category.files());
                c.put("windows", category.windows());
                c.put("threshold", category.threshold());
                c.put("rawScore", category.rawScore());
                c.put("score", category.normalisedScore());
            }
        }
        return root.toString();
    }

    static void print(
            NabReport report,
            EnsembleStrategy.Config config,
            IsolationForestStrategy.Config forest,
            SeasonalStrategy.Config seasonal,
            double seconds,
            Path out,
            PrintWriter stdout) {
        stdout.printf(
                "NAB v1.1 score of %s: %d files, %,d rows, %d windows%n",
                report.detector(), report.files(), report.rows(), report.windows());
        stdout.printf("  %s%n", EnsembleOptions.describe(config, forest, seasonal));
        stdout.printf(
                "  %-20s %-20s %12s %8s %14s %16s%n",
                "profile", "threshold", "raw score", "score", "windows found", "false positives");
        for (NabReport.ProfileScore profile : report.profiles()) {
            stdout.printf(
                    "  %-20s %-20s %12.4f %8.2f %14s %16d%n",
                    profile.profile(),
                    // In full: a detector's scores often crowd just below 1.
                    String.valueOf(profile.threshold()),
                    profile.rawScore(),
                    profile.normalisedScore(),
                    profile.windowsFound() + " of " + report.windows(),
                    profile.falsePositives());
        }
        printCategories(report, stdout);
        stdout.printf(
                "  detection %,.0f rows/s per thread; %.1f s in all%n",
                report.rowsPerSecond(), seconds);
        stdout.printf("  results in %s%n", out.resolve(report.detector()));
    }

    /**
     * Each category's normalised score per profile, each at the category's own threshold; nothing
     * for a corpus of one category, whose score is the corpus's (the JSON has it all the same).
     * Every profile lists the same categories in the same order: those with windows, as first met.
     */
    private static void printCategories(NabReport report, PrintWriter stdout) {
        List<NabReport.CategoryScore> first = report.profiles().get(0).categories();
        if (first.size() < 2) {
            return;
        }
        stdout.println("  per category, each at its own optimal threshold:");
        stdout.printf("  %-26s %5s %7s", "", "files", "windows");
        for (NabReport.ProfileScore profile : report.profiles()) {
            stdout.printf(" %19s", profile.profile());
        }
        stdout.println();
        for (int c = 0; c < first.size(); c++) {
            NabReport.CategoryScore category = first.get(c);
            stdout.printf(
                    "  %-26s %5d %7d", category.category(), category.files(), category.windows());
            for (NabReport.ProfileScore profile : report.profiles()) {
                stdout.printf(" %19.2f", profile.categories().get(c).normalisedScore());
            }
            stdout.println();
        }
    }
}
