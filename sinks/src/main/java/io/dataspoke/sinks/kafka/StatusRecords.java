package io.dataspoke.sinks.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.quality.DatasetStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A dataset status as a record of the status topic: keyed by the dataset URN (so a compacted topic
 * keeps each dataset's latest status), the value a JSON object {@code {"urn", "status", "reasons",
 * "incidents", "since", "updatedAt"}} that programs gating on quality read.
 */
public final class StatusRecords implements KafkaRecordSerializationSchema<DatasetStatus> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;

    public StatusRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DatasetStatus status, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                status.updatedMillis(),
                status.datasetUrn().getBytes(StandardCharsets.UTF_8),
                toJson(status));
    }

    /** The record value of {@code status}. */
    public static byte[] toJson(DatasetStatus status) {
        ObjectNode node = JSON.createObjectNode();
        node.put("urn", status.datasetUrn());
        node.put("status", status.status().name());
        var reasons = node.putArray("reasons");
        for (String reason : status.reasons()) {
            reasons.add(reason);
        }
        var incidents = node.putArray("incidents");
        for (String id : status.incidentIds()) {
            incidents.add(id);
        }
        node.put("since", Instant.ofEpochMilli(status.sinceMillis()).toString());
        node.put("updatedAt", Instant.ofEpochMilli(status.updatedMillis()).toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
