package io.dataspoke.knowledge;

import io.dataspoke.knowledge.index.IndexedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns search documents into index points: their texts embedded in one call, each with its lexical
 * vector and content hash. What the knowledge-sync job, the retrieval evaluation and the bench all
 * index through.
 */
public final class DocumentEncoder {

    private final TextEmbedder embedder;
    private final LexicalEncoder lexical;

    public DocumentEncoder(TextEmbedder embedder, LexicalEncoder lexical) {
        this.embedder = embedder;
        this.lexical = lexical;
    }

    /** The points of {@code documents}, in order. */
    public List<IndexedDocument> encode(List<SearchDocument> documents) {
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
