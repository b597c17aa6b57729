package io.dataspoke.event;

/**
 * A Kafka record exactly as it came off the wire. It is kept whole until decoding succeeds, so a
 * record that cannot be decoded can be dead-lettered with its coordinates and bytes.
 */
public record RawRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {}
