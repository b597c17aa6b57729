package io.dataspoke.demo;

import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.PointIds;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import io.dataspoke.knowledge.search.SearchResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the knowledge-sync job left in the demo's vector index, held against the ground truth: how
 * many documents, whether the last description added during the history is what a search for it
 * finds first, and whether the deleted datasets are gone.
 *
 * @param index the index's directory, for {@code dataspoke search --index}
 * @param documents points in the index
 * @param query the description an owner added during the history, searched for
 * @param expected the dataset it was added to
 * @param rank where that dataset came in the results (0 when not in the top 10)
 * @param top the first results of the search, one line each
 * @param deleted datasets soft- or hard-deleted during the history
 * @param deletedInIndex of those, still in the index (should be 0)
 */
public record KnowledgeSummary(
        String index,
        long documents,
        String query,
        String expected,
        int rank,
        List<String> top,
        long deleted,
        long deletedInIndex) {

    static final int DEPTH = 10;

    static KnowledgeSummary read(Path dir, GroundTruth truth) throws Exception {
        try (LocalVectorIndex index = LocalVectorIndex.reader(dir)) {
            GroundTruth.Edit edit =
                    truth.edits().stream()
                            .filter(e -> e.type() == GroundTruth.EditType.DESCRIPTION_ADDED)
                            .max(Comparator.comparing(GroundTruth.Edit::at))
                            .orElse(null);
            List<String> deletedUrns =
                    truth.edits().stream()
                            .filter(
                                    e ->
                                            e.type() == GroundTruth.EditType.SOFT_DELETED
                                                    || e.type()
                                                            == GroundTruth.EditType.HARD_DELETED)
                            .map(GroundTruth.Edit::urn)
                            .distinct()
                            .toList();
            long stillThere = 0;
            for (String urn : deletedUrns) {
                if (index.payload(PointIds.of(urn)).isPresent()) {
                    stillThere++;
                }
            }
            String query =
                    edit == null
                            ? null
                            : truth.datasets().stream()
                                    .filter(d -> d.urn().equals(edit.urn()))
                                    .map(GroundTruth.Dataset::description)
                                    .findFirst()
                                    .orElse(null);
            int rank = 0;
            List<String> top = new ArrayList<>();
            if (query != null) {
                KnowledgeSearch search =
                        new KnowledgeSearch(
                                new TextEmbedder(EmbeddingModel.ALL_MINILM_L6_V2),
                                new LexicalEncoder(),
                                index);
                List<SearchResult> results = search.search(query, SearchFilter.NONE, DEPTH);
                for (SearchResult r : results) {
                    if (r.dataset().urn().equals(edit.urn()) && rank == 0) {
                        rank = r.rank();
                    }
                    if (top.size() < 3) {
                        top.add(
                                r.rank()
                                        + ". "
                                        + r.dataset().name()
                                        + " ("
                                        + String.join("; ", r.matched())
                                        + (r.cautions().isEmpty()
                                                ? ""
                                                : "; ranked lower: "
                                                        + String.join(", ", r.cautions()))
                                        + ")");
                    }
                }
            }
            return new KnowledgeSummary(
                    dir.toString(),
                    index.count(),
                    query,
                    query == null ? null : edit.urn(),
                    rank,
                    top,
                    deletedUrns.size(),
                    stillThere);
        }
    }

    void print(PrintStream out) {
        out.println();
        out.println("Knowledge base (search documents in the embedded vector index)");
        out.printf("  %-44s %,10d%n", "documents indexed", documents);
        out.printf("  %-44s %,10d%n", "datasets deleted during the history", deleted);
        out.printf("  %-44s %,10d%n", "of which still in the index", deletedInIndex);
        if (query != null) {
            out.println("  the last description added, searched for: \"" + query + "\"");
            out.println(
                    rank == 0
                            ? "    its dataset is not in the first " + DEPTH + " results"
                            : "    its dataset comes " + ordinal(rank));
            top.forEach(line -> out.println("    " + line));
        }
        out.println("  search it yourself: ./dataspoke search \"<question>\" --index " + index);
    }

    private static String ordinal(int rank) {
        return switch (rank) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> rank + "th";
        };
    }
}
