package io.dataspoke.sinks.datahub;

/**
 * How GMS applies a {@link DataHubWrite}: the two change types of a MetadataChangeProposal this
 * sink sends.
 */
public enum DataHubChangeType {
    /** Replaces the whole aspect with the one written. */
    UPSERT,
    /**
     * Applies a JSON Patch to the aspect GMS holds, so fields and entries the patch does not name
     * (another team's structured properties, for example) stay as they are.
     */
    PATCH
}
