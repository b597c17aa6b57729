package io.dataspoke.quality;

/** Where an {@link Observation} of a dataset came from. */
public enum Signal {
    /**
     * DataHub {@code datasetProfile}: row count, column count, per-column null and unique stats.
     */
    PROFILE,
    /** DataHub {@code operation}: a write to the dataset, with rows affected and when. */
    OPERATION,
    /** A finished OpenLineage run that wrote the dataset: state, rows, schema facet, inputs. */
    RUN,
    /** A SQL engine query that wrote to the dataset. */
    QUERY_LOG,
    /** DataHub {@code schemaMetadata}: the dataset's columns and their types. */
    SCHEMA,
    /** The dataset was soft-deleted ({@code status.removed}) or hard-deleted (its key aspect). */
    REMOVED
}
