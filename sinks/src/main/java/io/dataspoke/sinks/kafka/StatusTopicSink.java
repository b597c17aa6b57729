package io.dataspoke.sinks.kafka;

import io.dataspoke.quality.DatasetStatus;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The Kafka sink of the dataset status topic. */
public final class StatusTopicSink {

    private StatusTopicSink() {}

    /**
     * At-least-once: a status is idempotent per key (the latest wins), so a duplicate after a
     * restore is harmless and needs no transactions.
     *
     * @param clientProperties extra producer properties (security settings), may be empty
     */
    public static KafkaSink<DatasetStatus> create(
            String bootstrapServers, String topic, Map<String, String> clientProperties) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        return KafkaSink.<DatasetStatus>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(new StatusRecords(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
