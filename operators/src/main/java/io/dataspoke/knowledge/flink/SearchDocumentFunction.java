package io.dataspoke.knowledge.flink;

import io.dataspoke.decode.DecodeException;
import io.dataspoke.health.DatasetDocs;
import io.dataspoke.ingest.EntitySnapshot;
import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.SearchDocuments;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.PointIds;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by entity URN: turns a dataset's latest state into index work, doing no more than the
 * change needs. New text (a description, a column, a tag) goes to be embedded; a change that leaves
 * the text as it was but moves the payload (health, quality status, open incidents, deprecation
 * already in the text) becomes a payload update; a soft or hard delete removes the point. Quality
 * heard before the dataset's first change is kept and merged into its first document.
 */
public class SearchDocumentFunction
        extends KeyedCoProcessFunction<String, EntitySnapshot, QualityUpdate, DocumentChange> {

    private static final Logger LOG = LoggerFactory.getLogger(SearchDocumentFunction.class);

    private final SearchDocuments documents;

    private transient ValueState<DocumentState> state;
    private transient Counter toEmbed;
    private transient Counter payloadUpdates;
    private transient Counter deletes;
    private transient Counter unchanged;
    private transient Counter unreadable;

    public SearchDocumentFunction(SearchDocuments documents) {
        this.documents = documents;
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "document", TypeInformation.of(DocumentState.class)));
        var metrics = getRuntimeContext().getMetricGroup();
        toEmbed = metrics.counter("documentsToEmbed");
        payloadUpdates = metrics.counter("payloadUpdates");
        deletes = metrics.counter("documentDeletes");
        unchanged = metrics.counter("documentsUnchanged");
        unreadable = metrics.counter("documentsUnreadable");
    }

    @Override
    public void processElement1(EntitySnapshot entity, Context ctx, Collector<DocumentChange> out)
            throws Exception {
        if (!"dataset".equals(entity.entityType())) {
            return;
        }
        DocumentState current = state.value();
        QualityUpdate quality = current == null ? null : current.quality();
        if (entity.hardDeleted() || entity.removed()) {
            if (current != null && current.indexed()) {
                deletes.inc();
                out.collect(DocumentChange.of(IndexChange.delete(PointIds.of(entity.urn()))));
            }
            if (entity.hardDeleted()) {
                state.clear();
            } else {
                state.update(new DocumentState(null, null, quality));
            }
            return;
        }
        SearchDocument document;
        try {
            document = documents.of(DatasetDocs.of(entity.urn(), entity.aspectsJson()));
        } catch (DecodeException e) {
            // The decoder already rejects aspects that do not fit; this guards state written by
            // an older version. The index keeps the dataset's last document.
            unreadable.inc();
            LOG.warn("Cannot build the search document of {}: {}", entity.urn(), e.getMessage());
            return;
        }
        DocumentPayload payload = withQuality(document.payload(), quality);
        String hash = document.contentHash();
        if (current != null && hash.equals(current.contentHash())) {
            if (payload.equals(current.payload())) {
                unchanged.inc();
                return;
            }
            payloadUpdates.inc();
            out.collect(DocumentChange.of(IndexChange.payload(document.id(), payload)));
        } else {
            toEmbed.inc();
            out.collect(
                    DocumentChange.embed(
                            new SearchDocument(
                                    document.id(), document.text(), document.fields(), payload)));
        }
        state.update(new DocumentState(hash, payload, quality));
    }

    @Override
    public void processElement2(QualityUpdate quality, Context ctx, Collector<DocumentChange> out)
            throws Exception {
        DocumentState current = state.value();
        if (current == null || !current.indexed()) {
            state.update(
                    new DocumentState(
                            current == null ? null : current.contentHash(),
                            current == null ? null : current.payload(),
                            quality));
            return;
        }
        DocumentPayload payload = withQuality(current.payload(), quality);
        if (!payload.equals(current.payload())) {
            payloadUpdates.inc();
            out.collect(
                    DocumentChange.of(IndexChange.payload(PointIds.of(payload.urn()), payload)));
        }
        state.update(new DocumentState(current.contentHash(), payload, quality));
    }

    private static DocumentPayload withQuality(DocumentPayload payload, QualityUpdate quality) {
        return quality == null
                ? payload
                : payload.withQuality(
                        quality.healthScore(), quality.status(), quality.openIncidents());
    }
}
