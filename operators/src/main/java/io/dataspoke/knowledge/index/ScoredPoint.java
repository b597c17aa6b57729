package io.dataspoke.knowledge.index;

import io.dataspoke.knowledge.DocumentPayload;

/** A search hit: the point, its fused score (higher is better) and its payload. */
public record ScoredPoint(String id, double score, DocumentPayload payload) {}
