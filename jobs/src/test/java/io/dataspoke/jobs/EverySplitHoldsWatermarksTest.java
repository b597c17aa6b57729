package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;

/**
 * Every assigned split gets its watermark output before the reader is polled, so a split whose
 * first records come later still holds the watermark back.
 */
class EverySplitHoldsWatermarksTest {

    @Test
    void registersEveryAssignedSplitBeforeTheReaderEmits() throws Exception {
        List<String> events = new ArrayList<>();
        SourceReader<Integer, Split> reader =
                new EverySplitHoldsWatermarks.Reader<>(new PollRecorder(events));
        RecordingOutput output = new RecordingOutput(events);

        reader.addSplits(List.of(new Split("0"), new Split("1")));
        reader.pollNext(output);
        reader.pollNext(output);
        reader.addSplits(List.of(new Split("2")));
        reader.pollNext(output);

        assertThat(events)
                .containsExactly("output 0", "output 1", "poll", "poll", "output 2", "poll");
    }

    @Test
    void theKafkaSourceOfEveryJobIsWrapped() {
        assertThat(
                        Sources.kafka(
                                "localhost:9092",
                                Topics.DEFAULTS,
                                "group",
                                Sources.Start.EARLIEST,
                                true,
                                Map.of()))
                .isInstanceOf(EverySplitHoldsWatermarks.class);
        assertThat(
                        ((EverySplitHoldsWatermarks<RawRecord, ?, ?>)
                                        Sources.kafka(
                                                "localhost:9092",
                                                Topics.DEFAULTS,
                                                "group",
                                                Sources.Start.EARLIEST,
                                                false,
                                                Map.of()))
                                .getProducedType()
                                .getTypeClass())
                .isEqualTo(RawRecord.class);
    }

    private record Split(String splitId) implements SourceSplit {}

    /** A reader that records when it is polled. */
    private static final class PollRecorder implements SourceReader<Integer, Split> {
        private final List<String> events;

        PollRecorder(List<String> events) {
            this.events = events;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<Integer> output) {
            events.add("poll");
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> isAvailable() {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        @Override
        public void addSplits(List<Split> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    private static final class RecordingOutput implements ReaderOutput<Integer> {
        private final List<String> events;

        RecordingOutput(List<String> events) {
            this.events = events;
        }

        @Override
        public void collect(Integer record) {}

        @Override
        public void collect(Integer record, long timestamp) {}

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<Integer> createOutputForSplit(String splitId) {
            events.add("output " + splitId);
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
