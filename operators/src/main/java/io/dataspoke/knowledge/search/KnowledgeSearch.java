package io.dataspoke.knowledge.search;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.Names;
import io.dataspoke.knowledge.SparseVector;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.ScoredPoint;
import io.dataspoke.knowledge.index.SearchFilter;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Natural-language search over the index: the query is embedded and encoded as lexical terms, the
 * index fuses the dense and sparse rankings (reciprocal rank fusion), and troubled datasets move a
 * few places down ({@link QualityRanking}) with the reasons shown.
 */
public final class KnowledgeSearch {

    /** Candidates fetched per result asked for, so re-ranking by quality has some to move. */
    static final int CANDIDATES_PER_RESULT = 3;

    private final TextEmbedder embedder;
    private final LexicalEncoder lexical;
    private final VectorIndex index;

    public KnowledgeSearch(TextEmbedder embedder, LexicalEncoder lexical, VectorIndex index) {
        this.embedder = embedder;
        this.lexical = lexical;
        this.index = index;
    }

    /** The best {@code limit} datasets for {@code query} among those {@code filter} admits. */
    public List<SearchResult> search(String query, SearchFilter filter, int limit)
            throws IOException {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query is empty");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1");
        }
        float[] dense = embedder.query(query);
        SparseVector sparse = lexical.query(query);
        List<ScoredPoint> candidates =
                index.search(dense, sparse, filter, limit * CANDIDATES_PER_RESULT);
        Map<Integer, String> queryTerms = lexical.termsById(query);
        record Candidate(ScoredPoint point, int position, QualityRanking.Demotion demotion) {}
        List<Candidate> ranked = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            ScoredPoint p = candidates.get(i);
            ranked.add(new Candidate(p, i + 1, QualityRanking.of(p.payload())));
        }
        ranked.sort(
                Comparator.comparingInt((Candidate c) -> c.position() + c.demotion().places())
                        .thenComparingInt(c -> c.demotion().places())
                        .thenComparingInt(Candidate::position));
        List<SearchResult> results = new ArrayList<>();
        for (Candidate c : ranked.subList(0, Math.min(limit, ranked.size()))) {
            results.add(
                    new SearchResult(
                            results.size() + 1,
                            c.point().payload(),
                            c.point().score(),
                            c.demotion().places(),
                            matched(queryTerms, c.point().payload()),
                            c.demotion().reasons()));
        }
        return results;
    }

    /** The indexed payload of dataset {@code urn}, empty when it is not in the index. */
    public java.util.Optional<DocumentPayload> payload(String urn) throws IOException {
        return index.payload(io.dataspoke.knowledge.index.PointIds.of(urn));
    }

    /** The query's words found in the dataset's name, description and tags. */
    private List<String> matched(Map<Integer, String> queryTerms, DocumentPayload dataset) {
        List<String> reasons = new ArrayList<>();
        add(reasons, "name", queryTerms, Names.words(dataset.name()));
        add(reasons, "description", queryTerms, dataset.description());
        add(reasons, "tags", queryTerms, String.join(" ", dataset.tags()).replace(':', ' '));
        if (reasons.isEmpty()) {
            reasons.add("meaning (no query word in its name, description or tags)");
        }
        return reasons;
    }

    private void add(
            List<String> reasons, String where, Map<Integer, String> queryTerms, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Set<String> found = new LinkedHashSet<>();
        for (Map.Entry<Integer, String> term : lexical.termsById(text).entrySet()) {
            if (queryTerms.containsKey(term.getKey())) {
                found.add(queryTerms.get(term.getKey()));
            }
        }
        if (!found.isEmpty()) {
            reasons.add(where + ": " + String.join(", ", found));
        }
    }
}
