package io.dataspoke.knowledge.index;

import io.dataspoke.knowledge.DocumentPayload;
import java.io.Serializable;
import java.util.Objects;

/**
 * One change the knowledge-sync job sends to the index: a document (re-)embedded, a payload changed
 * without its text, or a document deleted.
 *
 * @param document set for {@link Kind#UPSERT}
 * @param payload set for {@link Kind#PAYLOAD}
 */
public record IndexChange(Kind kind, String id, IndexedDocument document, DocumentPayload payload)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the change does. */
    public enum Kind {
        UPSERT,
        PAYLOAD,
        DELETE
    }

    public IndexChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if ((kind == Kind.UPSERT) != (document != null)) {
            throw new IllegalArgumentException("a document goes with UPSERT and only with it");
        }
        if ((kind == Kind.PAYLOAD) != (payload != null)) {
            throw new IllegalArgumentException("a payload goes with PAYLOAD and only with it");
        }
    }

    public static IndexChange upsert(IndexedDocument document) {
        return new IndexChange(Kind.UPSERT, document.id(), document, null);
    }

    public static IndexChange payload(String id, DocumentPayload payload) {
        return new IndexChange(Kind.PAYLOAD, id, null, payload);
    }

    public static IndexChange delete(String id) {
        return new IndexChange(Kind.DELETE, id, null, null);
    }
}
