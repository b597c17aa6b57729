package io.dataspoke.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source whose every assigned split holds the watermark back from the moment it is assigned, not
 * from its first record.
 *
 * <p>Flink's {@code SourceReaderBase} registers a split's watermark output only when the split's
 * first records are emitted. A split whose first fetch comes a few hundred milliseconds after the
 * others' (one topic's partition answered later, or {@code max.poll.records} filled by another
 * partition) is then not part of the watermark yet, and the periodic watermark moves to the other
 * splits' event time, hours or days ahead in a replay: its records arrive late. A freshness
 * deadline then fires before the load that met it is read, and the same history replayed twice
 * gives different incidents. Registering every split's output as it is assigned makes the split
 * hold the watermark until it emits (or the watermark strategy's idleness lets it go, or it ends).
 */
final class EverySplitHoldsWatermarks<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> source;
    private final TypeInformation<T> producedType;

    <Q extends Source<T, S, E> & ResultTypeQueryable<T>> EverySplitHoldsWatermarks(Q source) {
        this.source = source;
        this.producedType = source.getProducedType();
    }

    @Override
    public Boundedness getBoundedness() {
        return source.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return source.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E state)
            throws Exception {
        return source.restoreEnumerator(context, state);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return source.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return source.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(source.createReader(context));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }

    /** Registers the outputs of newly assigned splits before it next polls the reader. */
    static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {

        private final SourceReader<T, S> reader;
        private final List<String> unregistered = new ArrayList<>();

        Reader(SourceReader<T, S> reader) {
            this.reader = reader;
        }

        @Override
        public void addSplits(List<S> splits) {
            for (S split : splits) {
                unregistered.add(split.splitId());
            }
            reader.addSplits(splits);
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (!unregistered.isEmpty()) {
                // The reader asks for the same output when the split's first records come, and
                // gets this one; it releases it when the split ends, empty or not.
                for (String splitId : unregistered) {
                    output.createOutputForSplit(splitId);
                }
                unregistered.clear();
            }
            return reader.pollNext(output);
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void pauseOrResumeSplits(
                Collection<String> splitsToPause, Collection<String> splitsToResume) {
            reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            reader.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
