package io.dataspoke.event;

/**
 * One DataHub MetadataChangeLog: an aspect of an entity was upserted, patched or deleted.
 *
 * <p>The aspect stays a JSON string (as it travels in {@code aspect.value}); typed views are parsed
 * from it on demand by {@code io.dataspoke.aspect.Aspects}.
 *
 * @param entityUrn the entity's URN, the key of everything downstream
 * @param entityType e.g. {@code dataset}
 * @param aspectName e.g. {@code datasetProperties}; null when the change carries no aspect
 * @param changeType UPSERT, CREATE, PATCH, DELETE, RESTATE …
 * @param aspectJson the new aspect as JSON, null on DELETE
 * @param previousAspectJson the aspect before the change as JSON, null when absent
 * @param eventMillis event time: the change's {@code created.time}, else the aspect's
 *     timestampMillis, else systemMetadata.lastObserved
 * @param actor who made the change, null when unknown
 * @param timeseries true when it came from the time-series topic
 */
public record MetadataChange(
        String entityUrn,
        String entityType,
        String aspectName,
        String changeType,
        String aspectJson,
        String previousAspectJson,
        long eventMillis,
        String actor,
        boolean timeseries) {

    /** True when the change removes the aspect (or, for a key aspect, the whole entity). */
    public boolean isDelete() {
        return "DELETE".equals(changeType);
    }
}
