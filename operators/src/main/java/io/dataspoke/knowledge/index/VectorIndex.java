package io.dataspoke.knowledge.index;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The vector index of search documents: Qdrant, or the embedded {@link LocalVectorIndex}. Both keep
 * a dense vector (cosine) and a sparse lexical vector per point, weigh sparse terms by their
 * inverse document frequency at query time (Qdrant's {@code Modifier.Idf}), and fuse the two
 * rankings by reciprocal rank fusion with {@link #RRF_K}. Failures that pass are {@link
 * RetryableIndexException}s; other {@link IOException}s are not worth retrying.
 */
public interface VectorIndex extends AutoCloseable {

    /** The dense vector's name in the collection. */
    String DENSE = "dense";

    /** The sparse vector's name in the collection. */
    String SPARSE = "lexical";

    /** Reciprocal rank fusion's constant: a point ranked r-th (from 1) in a branch adds 1/(k+r). */
    int RRF_K = 60;

    /** How deep each branch looks before fusion, as a multiple of the result limit. */
    int PREFETCH_FACTOR = 4;

    /**
     * Creates the collection when it does not exist, with dense vectors of {@code dimension} and
     * payload indexes on the filter fields; an existing collection of another dimension is an
     * error, since its vectors came from another model.
     */
    void create(int dimension) throws IOException;

    /** Inserts or replaces points by id. */
    void upsert(List<IndexedDocument> documents) throws IOException;

    /**
     * Replaces the payload of an existing point, leaving its vectors; absent points are skipped.
     */
    void setPayload(String id, DocumentPayload payload) throws IOException;

    /** Deletes points by id; absent ids are not an error. */
    void delete(Collection<String> ids) throws IOException;

    /** The payload of point {@code id}, empty when absent. */
    Optional<DocumentPayload> payload(String id) throws IOException;

    /**
     * The best {@code limit} points meeting {@code filter}: each non-null vector ranks the points
     * (dense by cosine, sparse by IDF-weighted dot product, each {@code PREFETCH_FACTOR × limit}
     * deep) and the rankings are fused by reciprocal rank fusion. With one vector null, the other
     * ranking alone, scored by its own similarity.
     */
    List<ScoredPoint> search(float[] dense, SparseVector sparse, SearchFilter filter, int limit)
            throws IOException;

    /** Points in the index. */
    long count() throws IOException;

    @Override
    void close() throws IOException;
}
