package io.dataspoke.jobs;

import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source every job reads DataHub's topics, OpenLineage runs and query logs with, and the
 * one watermark strategy they share.
 */
public final class Sources {

    /** How late an event may arrive behind the newest one and still count as on time. */
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);

    /** A partition with no records for this long stops holding watermarks back. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    private Sources() {}

    /** Where a consumer group starts reading. */
    public enum Start {
        /** committed offsets, else the earliest */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    /**
     * A source of raw records from all of {@code topics}.
     *
     * @param bounded stop at the offsets that are latest when the job starts (replays, batch
     *     backfills, tests); unbounded otherwise
     * @return Flink's Kafka source in which every partition holds the watermark back from the start
     *     (see {@link EverySplitHoldsWatermarks})
     */
    public static Source<RawRecord, ?, ?> kafka(
            String bootstrapServers,
            Topics topics,
            String groupId,
            Start start,
            boolean bounded,
            Map<String, String> consumerProperties) {
        return kafka(bootstrapServers, topics.all(), groupId, start, bounded, consumerProperties);
    }

    /** A source of raw records from some of the topics (a job that needs only change logs). */
    public static Source<RawRecord, ?, ?> kafka(
            String bootstrapServers,
            List<String> topicNames,
            String groupId,
            Start start,
            boolean bounded,
            Map<String, String> consumerProperties) {
        Properties properties = new Properties();
        properties.putAll(consumerProperties);
        KafkaSourceBuilder<RawRecord> builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topicNames)
                        .setGroupId(groupId)
                        .setDeserializer(new io.dataspoke.decode.RawRecordDeserializer())
                        .setProperties(properties)
                        .setStartingOffsets(
                                switch (start) {
                                    case COMMITTED ->
                                            OffsetsInitializer.committedOffsets(
                                                    OffsetResetStrategy.EARLIEST);
                                    case EARLIEST -> OffsetsInitializer.earliest();
                                    case LATEST -> OffsetsInitializer.latest();
                                });
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return new EverySplitHoldsWatermarks<>(builder.build());
    }

    /**
     * Event time from the Kafka record's timestamp (DataHub and the OpenLineage clients stamp it
     * when the event happens), bounded out-of-orderness, and idleness so a quiet topic does not
     * stall the others.
     */
    public static WatermarkStrategy<RawRecord> watermarks() {
        return watermarks(MAX_OUT_OF_ORDERNESS);
    }

    /**
     * {@link #watermarks()} with another out-of-orderness. Everything ordered by event time waits
     * this long behind the newest event, so {@code dataspoke bench quality} measures alert latency
     * with a bound it states rather than the production five minutes.
     */
    public static WatermarkStrategy<RawRecord> watermarks(Duration maxOutOfOrderness) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((record, previous) -> record.timestamp())
                .withIdleness(IDLENESS);
    }
}
