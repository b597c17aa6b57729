package io.dataspoke.knowledge.eval;

import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.search.KnowledgeSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dataspoke eval retrieval}: indexes a retrieval set's tables as search documents in an
 * in-memory {@link LocalVectorIndex}, asks every question of DataSpoke's search and of {@link
 * Bm25Baseline} in the same run, and scores both.
 */
public final class RetrievalEvaluation {

    /** Documents embedded per call. */
    static final int BATCH = 32;

    private RetrievalEvaluation() {}

    /** What one run measured. */
    public record Result(
            int tables,
            RetrievalMetrics dataspoke,
            RetrievalMetrics bm25,
            double indexSeconds,
            double searchSeconds) {}

    public static Result run(RetrievalSet set, TextEmbedder embedder) throws IOException {
        LexicalEncoder lexical = new LexicalEncoder();
        Map<String, String> tableIdByPoint = new HashMap<>();
        long start = System.nanoTime();
        try (LocalVectorIndex index = LocalVectorIndex.inMemory();
                Bm25Baseline bm25 = new Bm25Baseline(set.tables())) {
            index.create(embedder.model().dimension());
            List<SearchDocument> batch = new ArrayList<>();
            for (RetrievalSet.Table table : set.tables()) {
                SearchDocument document = SearchDocuments.build(table.source());
                tableIdByPoint.put(document.id(), table.id());
                batch.add(document);
                if (batch.size() == BATCH) {
                    index.upsert(encode(batch, embedder, lexical));
                    batch.clear();
                }
            }
            index.upsert(encode(batch, embedder, lexical));
            double indexSeconds = (System.nanoTime() - start) / 1e9;

            KnowledgeSearch search = new KnowledgeSearch(embedder, lexical, index);
            RetrievalMetrics.Accumulator ours = new RetrievalMetrics.Accumulator();
            RetrievalMetrics.Accumulator baseline = new RetrievalMetrics.Accumulator();
            long searchStart = System.nanoTime();
            for (RetrievalSet.Question q : set.questions()) {
                List<String> ranked = new ArrayList<>();
                for (String point : search.rank(q.text(), RetrievalMetrics.DEPTH)) {
                    ranked.add(tableIdByPoint.get(point));
                }
                ours.add(ranked, q.goldTableIds());
                baseline.add(bm25.rank(q.text(), RetrievalMetrics.DEPTH), q.goldTableIds());
            }
            return new Result(
                    set.tables().size(),
                    ours.metrics(),
                    baseline.metrics(),
                    indexSeconds,
                    (System.nanoTime() - searchStart) / 1e9);
        }
    }

    /** Embeds and encodes documents into index points. */
    public static List<IndexedDocument> encode(
            List<SearchDocument> documents, TextEmbedder embedder, LexicalEncoder lexical) {
        if (documents.isEmpty()) {
            return List.of();
        }
        float[][] dense = embedder.documents(documents.stream().map(SearchDocument::text).toList());
        List<IndexedDocument> out = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            SearchDocument d = documents.get(i);
            out.add(
                    new IndexedDocument(
                            d.id(),
                            dense[i],
                            lexical.document(d.fields()),
                            d.payload(),
                            d.contentHash()));
        }
        return out;
    }
}
