package io.dataspoke.demo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of the demo history, ready to produce: topic, key and value bytes exactly as
 * DataHub, an OpenLineage emitter or a query-log shipper would write them, and the event time to
 * use as the record timestamp.
 */
public record DemoRecord(String topic, byte[] key, byte[] value, long timestampMillis) {

    public DemoRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The key as text (an entity URN, a job name or a query id). */
    public String keyString() {
        return new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DemoRecord other
                && timestampMillis == other.timestampMillis
                && topic.equals(other.topic)
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(topic, timestampMillis);
        h = 31 * h + Arrays.hashCode(key);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "DemoRecord[topic="
                + topic
                + ", key="
                + keyString()
                + ", value="
                + value.length
                + " bytes, timestampMillis="
                + timestampMillis
                + "]";
    }
}
