package io.dataspoke.sinks.qdrant;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import io.dataspoke.knowledge.index.VectorIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one batch, coalesced to one per point so that they can go out as one upsert call,
 * one delete call and a payload update per point, in any order, and leave the index as applying
 * them one by one would. The last change of a point wins, with one refinement: a payload change
 * after an upsert of the same point is folded into the upsert (applied on its own it would come
 * first and be skipped, the point not yet existing), and a payload change after a delete stays a
 * delete (Qdrant skips payload updates of absent points).
 */
final class IndexChangeBatch {

    private final Map<String, IndexChange> byId = new LinkedHashMap<>();

    private IndexChangeBatch() {}

    /** The batch of {@code changes}, in input order. */
    static IndexChangeBatch of(List<IndexChange> changes) {
        IndexChangeBatch batch = new IndexChangeBatch();
        for (IndexChange change : changes) {
            batch.byId.merge(change.id(), change, IndexChangeBatch::then);
        }
        return batch;
    }

    /** What {@code earlier} then {@code later}, on the same point, amount to. */
    static IndexChange then(IndexChange earlier, IndexChange later) {
        if (later.kind() != IndexChange.Kind.PAYLOAD) {
            return later;
        }
        return switch (earlier.kind()) {
            case UPSERT -> {
                IndexedDocument document = earlier.document();
                yield IndexChange.upsert(
                        new IndexedDocument(
                                document.id(),
                                document.dense(),
                                document.sparse(),
                                later.payload(),
                                document.contentHash()));
            }
            case DELETE -> earlier;
            case PAYLOAD -> later;
        };
    }

    /** One change per point, in the order each point first appeared. */
    List<IndexChange> changes() {
        return List.copyOf(byId.values());
    }

    List<IndexedDocument> upserts() {
        List<IndexedDocument> upserts = new ArrayList<>();
        for (IndexChange change : byId.values()) {
            if (change.kind() == IndexChange.Kind.UPSERT) {
                upserts.add(change.document());
            }
        }
        return upserts;
    }

    List<String> deletes() {
        List<String> deletes = new ArrayList<>();
        for (IndexChange change : byId.values()) {
            if (change.kind() == IndexChange.Kind.DELETE) {
                deletes.add(change.id());
            }
        }
        return deletes;
    }

    Map<String, DocumentPayload> payloads() {
        Map<String, DocumentPayload> payloads = new LinkedHashMap<>();
        for (IndexChange change : byId.values()) {
            if (change.kind() == IndexChange.Kind.PAYLOAD) {
                payloads.put(change.id(), change.payload());
            }
        }
        return payloads;
    }

    /**
     * Writes the batch: every call is idempotent, so a batch that failed halfway can be written
     * again whole.
     */
    void applyTo(VectorIndex index) throws IOException {
        index.upsert(upserts());
        index.delete(deletes());
        for (Map.Entry<String, DocumentPayload> payload : payloads().entrySet()) {
            index.setPayload(payload.getKey(), payload.getValue());
        }
    }
}
