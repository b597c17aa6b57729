package io.dataspoke.knowledge.search;

import io.dataspoke.knowledge.DocumentPayload;
import java.util.List;

/**
 * One dataset a search found, with why it matched and why it was ranked lower.
 *
 * @param score the fused relevance times the quality factor; higher is better
 * @param relevance the fused relevance alone
 * @param matched why it matched: the query's words found in its name, description or tags, and
 *     whether the meaning of the query matched
 * @param cautions why it went down: open incidents, a BLOCK or WARN status, low health,
 *     deprecation; empty when none
 */
public record SearchResult(
        int rank,
        DocumentPayload dataset,
        double score,
        double relevance,
        List<String> matched,
        List<String> cautions) {}
