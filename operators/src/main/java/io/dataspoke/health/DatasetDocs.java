package io.dataspoke.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.aspect.Aspect;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.DatasetProperties;
import io.dataspoke.aspect.Deprecation;
import io.dataspoke.aspect.Domains;
import io.dataspoke.aspect.EditableDatasetProperties;
import io.dataspoke.aspect.EditableSchemaMetadata;
import io.dataspoke.aspect.GlobalTags;
import io.dataspoke.aspect.GlossaryTerms;
import io.dataspoke.aspect.Ownership;
import io.dataspoke.aspect.SchemaMetadata;
import io.dataspoke.aspect.Status;
import io.dataspoke.aspect.UpstreamLineage;
import io.dataspoke.decode.DatasetUrns;
import io.dataspoke.decode.DecodeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the documentation auditor sees of one dataset: its latest aspects, typed, with the UI-edited
 * and ingested halves merged the way DataHub shows them (an editable description wins; column docs,
 * tags and terms come from both {@code schemaMetadata} and {@code editableSchemaMetadata}). Absent
 * aspects are null.
 */
public record DatasetDocs(
        String urn,
        String platform,
        String name,
        DatasetProperties properties,
        EditableDatasetProperties editableProperties,
        SchemaMetadata schema,
        EditableSchemaMetadata editableSchema,
        Ownership ownership,
        GlobalTags tags,
        GlossaryTerms terms,
        Domains domains,
        UpstreamLineage lineage,
        Deprecation deprecation,
        Status status,
        Map<String, String> customProperties,
        List<Column> columns) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The dataset {@code urn} from its aspects as the entity state keeps them: one JSON object of
     * aspect name to aspect value.
     *
     * @throws DecodeException when a known aspect does not fit its model
     */
    public static DatasetDocs of(String urn, String aspectsJson) throws DecodeException {
        Map<String, Aspect> aspects = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(aspectsJson);
        } catch (IOException e) {
            throw new DecodeException("entity aspects of " + urn + " are not JSON: " + e, e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> aspect = it.next();
            if (Aspects.isKnown(aspect.getKey())) {
                aspects.put(aspect.getKey(), Aspects.parse(aspect.getKey(), aspect.getValue()));
            }
        }
        return of(urn, aspects);
    }

    /** The dataset {@code urn} from typed aspects by name. */
    public static DatasetDocs of(String urn, Map<String, Aspect> aspects) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        DatasetProperties properties = (DatasetProperties) aspects.get(DatasetProperties.NAME);
        SchemaMetadata schema = (SchemaMetadata) aspects.get(SchemaMetadata.NAME);
        EditableSchemaMetadata editableSchema =
                (EditableSchemaMetadata) aspects.get(EditableSchemaMetadata.NAME);
        return new DatasetDocs(
                urn,
                parts == null ? "" : parts.platform(),
                parts == null ? urn : parts.name(),
                properties,
                (EditableDatasetProperties) aspects.get(EditableDatasetProperties.NAME),
                schema,
                editableSchema,
                (Ownership) aspects.get(Ownership.NAME),
                (GlobalTags) aspects.get(GlobalTags.NAME),
                (GlossaryTerms) aspects.get(GlossaryTerms.NAME),
                (Domains) aspects.get(Domains.NAME),
                (UpstreamLineage) aspects.get(UpstreamLineage.NAME),
                (Deprecation) aspects.get(Deprecation.NAME),
                (Status) aspects.get(Status.NAME),
                properties == null || properties.customProperties() == null
                        ? Map.of()
                        : properties.customProperties(),
                merge(schema, editableSchema));
    }

    /** The table part of the name: after the last {@code .} or {@code /}. */
    public String tableName() {
        int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('/'));
        return name.substring(cut + 1);
    }

    /** The description DataHub shows: the UI-edited one when there is one, else the ingested. */
    public String description() {
        if (editableProperties != null && !isBlank(editableProperties.description())) {
            return editableProperties.description();
        }
        return properties == null || isBlank(properties.description())
                ? null
                : properties.description();
    }

    /** Owner URNs, empty when there is no ownership aspect. */
    public List<Ownership.Owner> owners() {
        return ownership == null || ownership.owners() == null ? List.of() : ownership.owners();
    }

    /** Dataset-level tag URNs. */
    public List<String> datasetTags() {
        return tags == null || tags.tags() == null ? List.of() : tags.tags();
    }

    /** Dataset-level glossary term URNs. */
    public List<String> datasetTerms() {
        return terms == null || terms.terms() == null ? List.of() : terms.terms();
    }

    /** The first domain URN, null when none is assigned. */
    public String domain() {
        return domains == null || domains.domains() == null || domains.domains().isEmpty()
                ? null
                : domains.domains().get(0);
    }

    /** True when {@code status.removed} is set. */
    public boolean removed() {
        return status != null && status.removed();
    }

    private static List<Column> merge(
            SchemaMetadata schema, EditableSchemaMetadata editableSchema) {
        if (schema == null || schema.fields() == null) {
            return List.of();
        }
        Map<String, EditableSchemaMetadata.FieldInfo> edits = new LinkedHashMap<>();
        if (editableSchema != null && editableSchema.fields() != null) {
            for (EditableSchemaMetadata.FieldInfo info : editableSchema.fields()) {
                edits.put(info.simplePath(), info);
            }
        }
        List<Column> columns = new ArrayList<>(schema.fields().size());
        for (SchemaMetadata.Field field : schema.fields()) {
            String path = field.simplePath();
            EditableSchemaMetadata.FieldInfo edit = edits.get(path);
            String description =
                    edit != null && !isBlank(edit.description())
                            ? edit.description()
                            : field.description();
            List<String> tags = new ArrayList<>(nonNull(field.tags()));
            List<String> terms = new ArrayList<>(nonNull(field.glossaryTerms()));
            if (edit != null) {
                tags.addAll(nonNull(edit.tags()));
                terms.addAll(nonNull(edit.glossaryTerms()));
            }
            columns.add(
                    new Column(
                            path,
                            field.nativeDataType(),
                            isBlank(description) ? null : description,
                            List.copyOf(tags),
                            List.copyOf(terms)));
        }
        return List.copyOf(columns);
    }

    /**
     * One column as DataHub shows it.
     *
     * @param path the field path without v2 annotations
     * @param description null when undocumented
     */
    public record Column(
            String path,
            String nativeType,
            String description,
            List<String> tags,
            List<String> terms) {

        /** The last segment of a nested path: {@code address.city} → {@code city}. */
        public String leafName() {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
