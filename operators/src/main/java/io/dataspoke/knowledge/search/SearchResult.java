package io.dataspoke.knowledge.search;

import io.dataspoke.knowledge.DocumentPayload;
import java.util.List;

/**
 * One dataset a search found, with why it matched and why it was ranked lower.
 *
 * @param rank its place in the results, from 1
 * @param score the fused relevance (reciprocal rank fusion of the semantic and keyword rankings)
 * @param demotedBy places its quality moved it down ({@link QualityRanking}); 0 when none
 * @param matched why it matched: the query's words found in its name, description or tags, or its
 *     meaning alone
 * @param cautions why it went down: open incidents, a BLOCK or WARN status, low health,
 *     deprecation; empty when none
 */
public record SearchResult(
        int rank,
        DocumentPayload dataset,
        double score,
        int demotedBy,
        List<String> matched,
        List<String> cautions) {}
