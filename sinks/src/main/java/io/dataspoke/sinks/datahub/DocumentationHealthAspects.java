package io.dataspoke.sinks.datahub;

import com.linkedin.common.UrnArray;
import com.linkedin.metadata.aspect.patch.builder.StructuredPropertiesPatchBuilder;
import com.linkedin.structured.PropertyCardinality;
import com.linkedin.structured.StructuredPropertyDefinition;
import datahub.event.MetadataChangeProposalWrapper;
import java.util.List;
import java.util.Objects;

/**
 * The writes that put a dataset's documentation health into DataHub, as two structured properties
 * DataSpoke owns: {@value #SCORE} (a number, 0 to 100) and {@value #LEVEL} (a string such as {@code
 * GOOD} or {@code POOR}). A health write is a PATCH of the {@code structuredProperties} aspect that
 * sets only these two properties, so the structured properties people or other tools set on the
 * dataset stay as they are. See docs/datahub-writeback.md for why.
 */
public final class DocumentationHealthAspects {

    /** The qualified name of the score property. */
    public static final String SCORE = "io.dataspoke.health.score";

    /** The qualified name of the level property. */
    public static final String LEVEL = "io.dataspoke.health.level";

    public static final String SCORE_URN = "urn:li:structuredProperty:" + SCORE;
    public static final String LEVEL_URN = "urn:li:structuredProperty:" + LEVEL;

    static final String STRUCTURED_PROPERTY = "structuredProperty";
    static final String DATASET_ENTITY_TYPE_URN = "urn:li:entityType:datahub.dataset";
    static final String NUMBER_TYPE_URN = "urn:li:dataType:datahub.number";
    static final String STRING_TYPE_URN = "urn:li:dataType:datahub.string";

    private static final String DATASET_URN_PREFIX = "urn:li:dataset:";

    private DocumentationHealthAspects() {}

    /**
     * The definitions of both properties, which GMS must hold before any dataset can carry them.
     * They are the same on every call (no timestamps), so sending them again changes nothing: give
     * them to {@link DataHubSinkBuilder#setPrerequisiteWrites}.
     */
    public static List<DataHubWrite> definitions() {
        return List.of(
                definition(
                        SCORE,
                        "Documentation health score",
                        NUMBER_TYPE_URN,
                        "How well this dataset is documented, from 0 (nothing) to 100 (complete),"
                                + " as last measured by DataSpoke. DataSpoke rewrites it on every"
                                + " evaluation; edits by hand are overwritten."),
                definition(
                        LEVEL,
                        "Documentation health level",
                        STRING_TYPE_URN,
                        "The band of the documentation health score (for example GOOD, FAIR or"
                                + " POOR), as last measured by DataSpoke. DataSpoke rewrites it on"
                                + " every evaluation; edits by hand are overwritten."));
    }

    /**
     * Sets the health of {@code datasetUrn}: a PATCH that adds or replaces the two DataSpoke
     * properties and touches no other structured property of the dataset.
     */
    public static DataHubWrite health(String datasetUrn, int score, String level) {
        Objects.requireNonNull(datasetUrn, "datasetUrn");
        Objects.requireNonNull(level, "level");
        if (!datasetUrn.startsWith(DATASET_URN_PREFIX)) {
            // The definitions allow datasets only; GMS would reject anything else.
            throw new IllegalArgumentException("not a dataset URN: '" + datasetUrn + "'");
        }
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0 to 100, got " + score);
        }
        if (level.isBlank()) {
            throw new IllegalArgumentException("level must not be blank");
        }
        return DataHubProposals.fromProposal(
                new StructuredPropertiesPatchBuilder()
                        .urn(DataHubProposals.urn(datasetUrn))
                        .setNumberProperty(DataHubProposals.urn(SCORE_URN), score)
                        .setStringProperty(DataHubProposals.urn(LEVEL_URN), level)
                        .build());
    }

    private static DataHubWrite definition(
            String qualifiedName, String displayName, String valueType, String description) {
        StructuredPropertyDefinition definition =
                new StructuredPropertyDefinition()
                        .setQualifiedName(qualifiedName)
                        .setDisplayName(displayName)
                        .setValueType(DataHubProposals.urn(valueType))
                        .setCardinality(PropertyCardinality.SINGLE)
                        .setEntityTypes(
                                new UrnArray(
                                        List.of(DataHubProposals.urn(DATASET_ENTITY_TYPE_URN))))
                        .setDescription(description)
                        .setImmutable(false);
        return DataHubProposals.fromWrapper(
                MetadataChangeProposalWrapper.builder()
                        .entityType(STRUCTURED_PROPERTY)
                        .entityUrn("urn:li:structuredProperty:" + qualifiedName)
                        .upsert()
                        .aspect(definition)
                        .build());
    }
}
