package io.dataspoke.aspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dataset's technical schema as ingested from its platform ({@code schemaMetadata}).
 *
 * @param lastModified null when absent
 */
public record SchemaMetadata(
        String schemaName,
        String platform,
        long version,
        AuditStamp lastModified,
        List<Field> fields,
        List<String> primaryKeys)
        implements Aspect {

    public static final String NAME = "schemaMetadata";

    @Override
    public String aspectName() {
        return NAME;
    }

    /** The field with exactly this {@code fieldPath}. */
    public Optional<Field> field(String fieldPath) {
        return fields.stream().filter(f -> f.fieldPath().equals(fieldPath)).findFirst();
    }

    /**
     * One column or nested field.
     *
     * @param fieldPath as DataHub stores it, possibly in the v2 form {@code
     *     [version=2.0].[type=int].id}
     * @param type DataHub's type family: BOOLEAN, NUMBER, STRING, DATE, TIME, BYTES, ENUM, NULL,
     *     ARRAY, MAP, RECORD, UNION, FIXED (the union member's name without {@code Type})
     * @param description null when the field is undocumented
     * @param tags tag URNs on the field
     * @param glossaryTerms glossary term URNs on the field
     */
    public record Field(
            String fieldPath,
            String nativeDataType,
            String type,
            String description,
            boolean nullable,
            List<String> tags,
            List<String> glossaryTerms,
            boolean partOfKey) {

        /**
         * The field path without v2 annotations ({@code [version=2.0].[type=int].id} → {@code id}),
         * the form that editable schema metadata and users refer to.
         */
        public String simplePath() {
            return simplify(fieldPath);
        }
    }

    /** {@code fieldPath} without the {@code [..]} tokens of DataHub's v2 field paths. */
    public static String simplify(String fieldPath) {
        if (fieldPath == null || !fieldPath.startsWith("[")) {
            return fieldPath;
        }
        List<String> kept = new ArrayList<>();
        for (String part : fieldPath.split("\\.(?![^\\[]*\\])")) {
            if (!part.startsWith("[")) {
                kept.add(part);
            }
        }
        return String.join(".", kept);
    }
}
