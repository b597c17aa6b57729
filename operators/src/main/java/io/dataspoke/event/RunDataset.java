package io.dataspoke.event;

/**
 * A dataset read or written by a pipeline run, with the DataHub URN it maps to.
 *
 * @param rowCount from the outputStatistics facet, null when not reported
 * @param byteCount from the outputStatistics facet, null when not reported
 * @param schema from the schema facet, null when not reported
 */
public record RunDataset(
        String urn,
        String namespace,
        String name,
        Long rowCount,
        Long byteCount,
        SchemaColumn[] schema) {}
