package io.dataspoke.demo;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a generated history into Kafka as DataHub and the pipelines would: each record keyed as on
 * the real topics and stamped with its event time. Returns the end offset of every partition
 * written, which is how the demo knows when a job has consumed all of it.
 */
public final class KafkaReplayer {

    private final String bootstrapServers;

    public KafkaReplayer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sends {@code records} in order.
     *
     * @param recordsPerSecond pace of the replay; 0 or less sends as fast as the broker takes them
     * @param progress called with the number of records sent so far, every few hundred records
     * @return end offset (last offset + 1) per partition written
     */
    public Map<TopicPartition, Long> replay(
            List<DemoRecord> records, double recordsPerSecond, LongConsumer progress)
            throws InterruptedException {
        Map<TopicPartition, Long> endOffsets = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback track =
                (meta, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        endOffsets.merge(
                                new TopicPartition(meta.topic(), meta.partition()),
                                meta.offset() + 1,
                                Math::max);
                    }
                };
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties())) {
            for (int i = 0; i < records.size(); i++) {
                DemoRecord record = records.get(i);
                producer.send(
                        new ProducerRecord<>(
                                record.topic(),
                                null,
                                record.timestampMillis(),
                                record.key(),
                                record.value()),
                        track);
                if ((i & 1023) == 0) {
                    progress.accept(i);
                    if (failure.get() != null) {
                        break;
                    }
                }
                if (recordsPerSecond > 0) {
                    pace(started, i + 1, recordsPerSecond);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("replay into Kafka failed", failure.get());
        }
        progress.accept(records.size());
        return Map.copyOf(endOffsets);
    }

    private static void pace(long startedNanos, long sent, double perSecond)
            throws InterruptedException {
        long dueNanos = startedNanos + (long) (sent / perSecond * 1e9);
        long aheadMillis = (dueNanos - System.nanoTime()) / 1_000_000;
        if (aheadMillis > 0) {
            Thread.sleep(aheadMillis);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }
}
