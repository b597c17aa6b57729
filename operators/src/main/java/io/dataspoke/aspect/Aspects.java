package io.dataspoke.aspect;

import static io.dataspoke.aspect.JsonFields.array;
import static io.dataspoke.aspect.JsonFields.auditStamp;
import static io.dataspoke.aspect.JsonFields.bool;
import static io.dataspoke.aspect.JsonFields.integer;
import static io.dataspoke.aspect.JsonFields.number;
import static io.dataspoke.aspect.JsonFields.object;
import static io.dataspoke.aspect.JsonFields.stringMap;
import static io.dataspoke.aspect.JsonFields.text;
import static io.dataspoke.aspect.JsonFields.texts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.decode.DecodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses DataHub aspects from the plain pegasus JSON that a MetadataChangeLog carries in {@code
 * aspect.value} (and that {@link io.dataspoke.mce.MceFileReader} produces from MCE files) into
 * typed {@link Aspect}s. Aspects it does not know stay {@link RawAspect}s; a known aspect whose
 * JSON does not fit its model fails with a message naming the field.
 */
public final class Aspects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> KNOWN =
            Set.of(
                    DatasetProperties.NAME,
                    EditableDatasetProperties.NAME,
                    SchemaMetadata.NAME,
                    EditableSchemaMetadata.NAME,
                    Ownership.NAME,
                    GlobalTags.NAME,
                    GlossaryTerms.NAME,
                    Domains.NAME,
                    UpstreamLineage.NAME,
                    Status.NAME,
                    Deprecation.NAME,
                    DatasetProfile.NAME,
                    Operation.NAME,
                    AssertionRunEvent.NAME);

    private static final Set<String> TIMESERIES =
            Set.of(
                    DatasetProfile.NAME,
                    Operation.NAME,
                    AssertionRunEvent.NAME,
                    "datasetUsageStatistics",
                    "dataProcessInstanceRunEvent",
                    "chartUsageStatistics",
                    "dashboardUsageStatistics");

    private Aspects() {}

    /** True when {@link #parse} gives a typed aspect (not a {@link RawAspect}) for this name. */
    public static boolean isKnown(String aspectName) {
        return KNOWN.contains(aspectName);
    }

    /**
     * True for DataHub's time-series aspects (profiles, operations, usage, assertion runs): they go
     * to the time-series MCL topic and carry their own {@code timestampMillis}.
     */
    public static boolean isTimeseries(String aspectName) {
        return TIMESERIES.contains(aspectName);
    }

    /**
     * The typed view of an aspect.
     *
     * @param aspectName DataHub's aspect name, e.g. {@code schemaMetadata}
     * @param json the aspect value as pegasus JSON (not a JSON Patch, which a PATCH proposal may
     *     carry instead)
     * @throws DecodeException when a known aspect's JSON is malformed or lacks a required field
     */
    public static Aspect parse(String aspectName, String json) throws DecodeException {
        if (!isKnown(aspectName)) {
            return new RawAspect(aspectName, json);
        }
        if (json == null) {
            throw new DecodeException(aspectName + " has no value");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(
                    aspectName + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return parse(aspectName, root);
    }

    /**
     * The typed view of a known aspect whose JSON is already read, e.g. one member of an entity's
     * aspects document: no second round through text.
     *
     * @throws DecodeException when the JSON is not an object or lacks a required field
     * @throws IllegalArgumentException when {@code aspectName} is not {@link #isKnown known}
     */
    public static Aspect parse(String aspectName, JsonNode root) throws DecodeException {
        if (!isKnown(aspectName)) {
            throw new IllegalArgumentException("not a known aspect: " + aspectName);
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException(
                    aspectName
                            + " is not a JSON object but "
                            + (root == null ? "empty" : root.getNodeType()));
        }
        return typed(aspectName, root);
    }

    private static Aspect typed(String name, JsonNode a) throws DecodeException {
        switch (name) {
            case DatasetProperties.NAME:
                return new DatasetProperties(
                        text(a, "name", name, false),
                        text(a, "qualifiedName", name, false),
                        text(a, "description", name, false),
                        text(a, "uri", name, false),
                        text(a, "externalUrl", name, false),
                        stringMap(a, "customProperties", name),
                        texts(a, "tags", name, false));
            case EditableDatasetProperties.NAME:
                return new EditableDatasetProperties(
                        text(a, "description", name, false),
                        text(a, "name", name, false),
                        auditStamp(a, "lastModified", name, false));
            case SchemaMetadata.NAME:
                return schemaMetadata(a);
            case EditableSchemaMetadata.NAME:
                return editableSchemaMetadata(a);
            case Ownership.NAME:
                return ownership(a);
            case GlobalTags.NAME:
                return new GlobalTags(tagUrns(a, name));
            case GlossaryTerms.NAME:
                return new GlossaryTerms(
                        termUrns(a, name), auditStamp(a, "auditStamp", name, false));
            case Domains.NAME:
                return new Domains(texts(a, "domains", name, true));
            case UpstreamLineage.NAME:
                return upstreamLineage(a);
            case Status.NAME:
                return new Status(bool(a, "removed", name, false));
            case Deprecation.NAME:
                if (a.path("deprecated").isMissingNode()) {
                    throw new DecodeException(name + ".deprecated is missing");
                }
                return new Deprecation(
                        bool(a, "deprecated", name, false),
                        integer(a, "decommissionTime", name, false),
                        text(a, "note", name, false),
                        text(a, "actor", name, false),
                        text(a, "replacement", name, false));
            case DatasetProfile.NAME:
                return datasetProfile(a);
            case Operation.NAME:
                return new Operation(
                        integer(a, "timestampMillis", name, true),
                        integer(a, "lastUpdatedTimestamp", name, true),
                        text(a, "operationType", name, true),
                        text(a, "customOperationType", name, false),
                        integer(a, "numAffectedRows", name, false),
                        texts(a, "affectedDatasets", name, false),
                        text(a, "actor", name, false),
                        text(a, "sourceType", name, false));
            case AssertionRunEvent.NAME:
                return assertionRunEvent(a);
            default:
                throw new IllegalStateException("known aspect without a parser: " + name);
        }
    }

    private static SchemaMetadata schemaMetadata(JsonNode a) throws DecodeException {
        String name = SchemaMetadata.NAME;
        List<JsonNode> nodes = array(a, "fields", name, true);
        List<SchemaMetadata.Field> fields = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode f = nodes.get(i);
            String path = name + ".fields[" + i + "]";
            fields.add(
                    new SchemaMetadata.Field(
                            text(f, "fieldPath", path, true),
                            text(f, "nativeDataType", path, true),
                            fieldType(f, path),
                            text(f, "description", path, false),
                            bool(f, "nullable", path, false),
                            nestedTags(f, path),
                            nestedTerms(f, path),
                            bool(f, "isPartOfKey", path, false)));
        }
        Long version = integer(a, "version", name, false);
        return new SchemaMetadata(
                text(a, "schemaName", name, false),
                text(a, "platform", name, false),
                version == null ? 0 : version,
                auditStamp(a, "lastModified", name, false),
                Collections.unmodifiableList(fields),
                texts(a, "primaryKeys", name, false));
    }

    /** {@code {"type": {"com.linkedin.schema.StringType": {}}}} → {@code STRING}. */
    private static String fieldType(JsonNode field, String path) throws DecodeException {
        JsonNode dataType = object(field, "type", path, true);
        JsonNode union = object(dataType, "type", path + ".type", true);
        Iterator<String> names = union.fieldNames();
        if (union.size() != 1) {
            throw new DecodeException(path + ".type.type is not a union with one member: " + union);
        }
        String member = names.next();
        String simple = member.substring(member.lastIndexOf('.') + 1);
        if (simple.endsWith("Type")) {
            simple = simple.substring(0, simple.length() - "Type".length());
        }
        return simple.toUpperCase(Locale.ROOT);
    }

    private static EditableSchemaMetadata editableSchemaMetadata(JsonNode a)
            throws DecodeException {
        String name = EditableSchemaMetadata.NAME;
        List<JsonNode> nodes = array(a, "editableSchemaFieldInfo", name, true);
        List<EditableSchemaMetadata.FieldInfo> fields = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode f = nodes.get(i);
            String path = name + ".editableSchemaFieldInfo[" + i + "]";
            fields.add(
                    new EditableSchemaMetadata.FieldInfo(
                            text(f, "fieldPath", path, true),
                            text(f, "description", path, false),
                            nestedTags(f, path),
                            nestedTerms(f, path)));
        }
        return new EditableSchemaMetadata(
                Collections.unmodifiableList(fields), auditStamp(a, "lastModified", name, false));
    }

    private static Ownership ownership(JsonNode a) throws DecodeException {
        String name = Ownership.NAME;
        List<JsonNode> nodes = array(a, "owners", name, true);
        List<Ownership.Owner> owners = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode o = nodes.get(i);
            String path = name + ".owners[" + i + "]";
            owners.add(
                    new Ownership.Owner(
                            text(o, "owner", path, true),
                            text(o, "type", path, false),
                            text(o, "typeUrn", path, false)));
        }
        return new Ownership(
                Collections.unmodifiableList(owners), auditStamp(a, "lastModified", name, false));
    }

    private static UpstreamLineage upstreamLineage(JsonNode a) throws DecodeException {
        String name = UpstreamLineage.NAME;
        List<JsonNode> nodes = array(a, "upstreams", name, true);
        List<UpstreamLineage.Upstream> upstreams = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode u = nodes.get(i);
            String path = name + ".upstreams[" + i + "]";
            upstreams.add(
                    new UpstreamLineage.Upstream(
                            text(u, "dataset", path, true), text(u, "type", path, false)));
        }
        return new UpstreamLineage(Collections.unmodifiableList(upstreams));
    }

    private static DatasetProfile datasetProfile(JsonNode a) throws DecodeException {
        String name = DatasetProfile.NAME;
        List<JsonNode> nodes = array(a, "fieldProfiles", name, false);
        List<DatasetProfile.FieldProfile> profiles = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode p = nodes.get(i);
            String path = name + ".fieldProfiles[" + i + "]";
            profiles.add(
                    new DatasetProfile.FieldProfile(
                            text(p, "fieldPath", path, true),
                            integer(p, "uniqueCount", path, false),
                            number(p, "uniqueProportion", path),
                            integer(p, "nullCount", path, false),
                            number(p, "nullProportion", path),
                            text(p, "min", path, false),
                            text(p, "max", path, false),
                            text(p, "mean", path, false),
                            text(p, "median", path, false),
                            text(p, "stdev", path, false),
                            texts(p, "sampleValues", path, false)));
        }
        return new DatasetProfile(
                integer(a, "timestampMillis", name, true),
                integer(a, "rowCount", name, false),
                integer(a, "columnCount", name, false),
                integer(a, "sizeInBytes", name, false),
                Collections.unmodifiableList(profiles));
    }

    private static AssertionRunEvent assertionRunEvent(JsonNode a) throws DecodeException {
        String name = AssertionRunEvent.NAME;
        JsonNode result = object(a, "result", name, false);
        String resultPath = name + ".result";
        return new AssertionRunEvent(
                integer(a, "timestampMillis", name, true),
                text(a, "assertionUrn", name, true),
                text(a, "asserteeUrn", name, true),
                text(a, "runId", name, true),
                text(a, "status", name, true),
                result == null ? null : text(result, "type", resultPath, true),
                result == null ? null : integer(result, "rowCount", resultPath, false),
                result == null ? null : integer(result, "unexpectedCount", resultPath, false),
                result == null ? null : number(result, "actualAggValue", resultPath));
    }

    /** The URNs of a {@code globalTags} object's {@code tags[].tag}. */
    private static List<String> tagUrns(JsonNode globalTags, String path) throws DecodeException {
        List<JsonNode> nodes = array(globalTags, "tags", path, true);
        List<String> urns = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            urns.add(text(nodes.get(i), "tag", path + ".tags[" + i + "]", true));
        }
        return Collections.unmodifiableList(urns);
    }

    /** The URNs of a {@code glossaryTerms} object's {@code terms[].urn}. */
    private static List<String> termUrns(JsonNode glossaryTerms, String path)
            throws DecodeException {
        List<JsonNode> nodes = array(glossaryTerms, "terms", path, true);
        List<String> urns = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            urns.add(text(nodes.get(i), "urn", path + ".terms[" + i + "]", true));
        }
        return Collections.unmodifiableList(urns);
    }

    private static List<String> nestedTags(JsonNode parent, String path) throws DecodeException {
        JsonNode tags = object(parent, "globalTags", path, false);
        return tags == null ? List.of() : tagUrns(tags, path + ".globalTags");
    }

    private static List<String> nestedTerms(JsonNode parent, String path) throws DecodeException {
        JsonNode terms = object(parent, "glossaryTerms", path, false);
        return terms == null ? List.of() : termUrns(terms, path + ".glossaryTerms");
    }
}
