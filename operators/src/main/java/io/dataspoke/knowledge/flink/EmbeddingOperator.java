package io.dataspoke.knowledge.flink;

import io.dataspoke.knowledge.DocumentEncoder;
import io.dataspoke.knowledge.EmbeddingModel;
import io.dataspoke.knowledge.LexicalEncoder;
import io.dataspoke.knowledge.SearchDocument;
import io.dataspoke.knowledge.TextEmbedder;
import io.dataspoke.knowledge.index.IndexChange;
import io.dataspoke.knowledge.index.IndexedDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Embeds documents in micro-batches with the ONNX model, one model per subtask: a batch goes when
 * it holds {@code batchSize} documents, when its oldest has waited {@code maxWait}, before every
 * checkpoint barrier (so nothing buffered needs state) and at the end of the input. Payload updates
 * and deletes wait in the same buffer, so every entity's changes leave in the order they came. Each
 * embedded document also gets its lexical vector here.
 */
public class EmbeddingOperator extends AbstractStreamOperator<IndexChange>
        implements OneInputStreamOperator<DocumentChange, IndexChange>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final EmbeddingModel model;
    private final int batchSize;
    private final long maxWaitMillis;

    private transient DocumentEncoder encoder;
    private transient List<DocumentChange> buffer;
    private transient int waitingToEmbed;
    private transient boolean timerSet;
    private transient Counter embedded;
    private transient Counter batches;

    public EmbeddingOperator(EmbeddingModel model, int batchSize, Duration maxWait) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        this.model = model;
        this.batchSize = batchSize;
        this.maxWaitMillis = maxWait.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        encoder = new DocumentEncoder(new TextEmbedder(model), new LexicalEncoder());
        buffer = new ArrayList<>();
        var metrics = getRuntimeContext().getMetricGroup();
        embedded = metrics.counter("documentsEmbedded");
        batches = metrics.counter("embeddingBatches");
        metrics.gauge("embeddingBacklog", () -> waitingToEmbed);
    }

    @Override
    public void processElement(StreamRecord<DocumentChange> element) throws Exception {
        DocumentChange change = element.getValue();
        buffer.add(change);
        if (change.toEmbed() != null) {
            waitingToEmbed++;
        }
        if (waitingToEmbed >= batchSize) {
            flush();
        } else if (!timerSet) {
            timerSet = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + maxWaitMillis, time -> onTimer());
        }
    }

    private void onTimer() {
        timerSet = false;
        flush();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<SearchDocument> documents = new ArrayList<>(waitingToEmbed);
        for (DocumentChange change : buffer) {
            if (change.toEmbed() != null) {
                documents.add(change.toEmbed());
            }
        }
        Iterator<IndexedDocument> points = encoder.encode(documents).iterator();
        for (DocumentChange change : buffer) {
            IndexChange out =
                    change.toEmbed() == null ? change.change() : IndexChange.upsert(points.next());
            output.collect(new StreamRecord<>(out));
        }
        if (!documents.isEmpty()) {
            embedded.inc(documents.size());
            batches.inc();
        }
        buffer.clear();
        waitingToEmbed = 0;
    }
}
