package io.dataspoke.ingest;

/**
 * The latest known state of one DataHub entity, as written to the {@code entities} table.
 *
 * @param aspectsJson a JSON object of the latest value of every aspect, by aspect name
 * @param removed soft-deleted: its {@code status} aspect says {@code removed: true}
 * @param lastChangeMillis event time of the latest change applied
 * @param changeCount changes applied since the entity was first seen
 * @param hardDeleted the entity's key aspect was deleted: the row goes, and so does the state
 */
public record EntitySnapshot(
        String urn,
        String entityType,
        String aspectsJson,
        boolean removed,
        long lastChangeMillis,
        long changeCount,
        boolean hardDeleted) {}
