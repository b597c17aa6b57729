package io.dataspoke.aspect;

import java.util.List;

/**
 * Field documentation, tags and terms edited in DataHub's UI ({@code editableSchemaMetadata}).
 *
 * @param lastModified null when absent
 */
public record EditableSchemaMetadata(List<FieldInfo> fields, AuditStamp lastModified)
        implements Aspect {

    public static final String NAME = "editableSchemaMetadata";

    @Override
    public String aspectName() {
        return NAME;
    }

    /**
     * The edits of one field ({@code editableSchemaFieldInfo}).
     *
     * @param tags tag URNs
     * @param glossaryTerms glossary term URNs
     */
    public record FieldInfo(
            String fieldPath, String description, List<String> tags, List<String> glossaryTerms) {

        /** The field path without v2 annotations; see {@link SchemaMetadata#simplify}. */
        public String simplePath() {
            return SchemaMetadata.simplify(fieldPath);
        }
    }
}
