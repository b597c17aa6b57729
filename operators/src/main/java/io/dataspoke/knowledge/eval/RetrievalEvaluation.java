package io.dataspoke.knowledge.eval;

import io.dataspoke.knowledge.DocumentEncoder;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.LocalVectorIndex;
import io.dataspoke.knowledge.index.ScoredPoint;
import io.dataspoke.knowledge.index.SearchFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dataspoke eval retrieval}: indexes a retrieval set's tables as search documents in an
 * in-memory {@link LocalVectorIndex}, asks every question of DataSpoke's search (the index's fused
 * ranking, as {@code KnowledgeSearch} asks it, without quality re-ranking: the tables have no
 * status), of each of its two rankings alone, and of {@link Bm25Baseline}, in the same run.
 */
public final class RetrievalEvaluation {

    /** Documents embedded per call. */
    static final int BATCH = 32;

    private RetrievalEvaluation() {}

    /**
     * What one run measured.
     *
     * @param dataspoke DataSpoke's search: both rankings fused
     * @param keywordsOnly its lexical ranking alone (name splitting, stemming, boosts, IDF)
     * @param meaningOnly its embedding ranking alone
     * @param bm25 the plain BM25 baseline
     */
    public record Result(
            int tables,
            RetrievalMetrics dataspoke,
            RetrievalMetrics keywordsOnly,
            RetrievalMetrics meaningOnly,
            RetrievalMetrics bm25,
            double indexSeconds,
            double searchSeconds) {}

    public static Result run(RetrievalSet set, TextEmbedder embedder) throws IOException {
        LexicalEncoder lexical = new LexicalEncoder();
        DocumentEncoder encoder = new DocumentEncoder(embedder, lexical);
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
                    index.upsert(encoder.encode(batch));
                    batch.clear();
                }
            }
            index.upsert(encoder.encode(batch));
            double indexSeconds = (System.nanoTime() - start) / 1e9;

            RetrievalMetrics.Accumulator ours = new RetrievalMetrics.Accumulator();
            RetrievalMetrics.Accumulator keywords = new RetrievalMetrics.Accumulator();
            RetrievalMetrics.Accumulator meaning = new RetrievalMetrics.Accumulator();
            RetrievalMetrics.Accumulator baseline = new RetrievalMetrics.Accumulator();
            long searchStart = System.nanoTime();
            for (RetrievalSet.Question q : set.questions()) {
                float[] dense = embedder.query(q.text());
                var sparse = lexical.query(q.text());
                ours.add(
                        tables(
                                index.search(
                                        dense, sparse, SearchFilter.NONE, RetrievalMetrics.DEPTH),
                                tableIdByPoint),
                        q.goldTableIds());
                keywords.add(
                        tables(
                                index.search(
                                        null, sparse, SearchFilter.NONE, RetrievalMetrics.DEPTH),
                                tableIdByPoint),
                        q.goldTableIds());
                meaning.add(
                        tables(
                                index.search(
                                        dense, null, SearchFilter.NONE, RetrievalMetrics.DEPTH),
                                tableIdByPoint),
                        q.goldTableIds());
                baseline.add(bm25.rank(q.text(), RetrievalMetrics.DEPTH), q.goldTableIds());
            }
            return new Result(
                    set.tables().size(),
                    ours.metrics(),
                    keywords.metrics(),
                    meaning.metrics(),
                    baseline.metrics(),
                    indexSeconds,
                    (System.nanoTime() - searchStart) / 1e9);
        }
    }

    private static List<String> tables(
            List<ScoredPoint> points, Map<String, String> tableIdByPoint) {
        List<String> ids = new ArrayList<>(points.size());
        for (ScoredPoint p : points) {
            ids.add(tableIdByPoint.get(p.id()));
        }
        return ids;
    }
}
