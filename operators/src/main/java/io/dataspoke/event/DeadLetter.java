package io.dataspoke.event;

/**
 * A record that could not be decoded, with everything needed to find and replay it: its Kafka
 * coordinates, its raw bytes and the reason.
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        long recordTimestamp,
        byte[] key,
        byte[] value,
        String error) {

    /** The dead letter for {@code record}, failed with {@code error}. */
    public static DeadLetter of(RawRecord record, String error) {
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                error);
    }
}
