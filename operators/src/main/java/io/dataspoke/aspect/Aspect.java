package io.dataspoke.aspect;

/**
 * A typed view of a DataHub aspect, parsed from the pegasus JSON it travels as ({@link
 * Aspects#parse}). Aspects DataSpoke does not interpret stay a {@link RawAspect}.
 */
public sealed interface Aspect
        permits AssertionRunEvent,
                DatasetProfile,
                DatasetProperties,
                Deprecation,
                Domains,
                EditableDatasetProperties,
                EditableSchemaMetadata,
                GlobalTags,
                GlossaryTerms,
                Operation,
                Ownership,
                RawAspect,
                SchemaMetadata,
                Status,
                UpstreamLineage {

    /** DataHub's name of the aspect, e.g. {@code schemaMetadata}. */
    String aspectName();
}
