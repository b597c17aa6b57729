package io.dataspoke.knowledge.index;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SparseVector;
import java.util.Objects;

/**
 * One point of the index: a document's vectors and payload.
 *
 * @param id derived from the URN ({@link PointIds#of})
 * @param dense the embedding of the document's text, unit length
 * @param sparse the lexical term weights of the document
 * @param contentHash a hash of what was embedded, so an unchanged document is not embedded again
 */
public record IndexedDocument(
        String id, float[] dense, SparseVector sparse, DocumentPayload payload, String contentHash)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public IndexedDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dense, "dense");
        Objects.requireNonNull(sparse, "sparse");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
