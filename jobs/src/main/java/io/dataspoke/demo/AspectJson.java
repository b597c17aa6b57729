package io.dataspoke.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataspoke.demo.GroundTruth.Layer;
import java.util.List;

/**
 * DataHub aspects as the plain pegasus JSON DataHub puts in a MetadataChangeLog's {@code
 * aspect.value}: unions as {@code {"com.linkedin.schema.StringType":{}}}, optional fields left out
 * when absent. Field names follow the .pdl definitions.
 */
final class AspectJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final String INGESTION_ACTOR = "urn:li:corpuser:datahub";

    private AspectJson() {}

    static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write aspect", e);
        }
    }

    static ObjectNode auditStamp(long time, String actor) {
        return F.objectNode().put("time", time).put("actor", actor);
    }

    static String datasetKey(DemoDataset d) {
        return json(
                F.objectNode()
                        .put("platform", d.platformUrn())
                        .put("name", d.name)
                        .put("origin", "PROD"));
    }

    static String datasetProperties(DemoDataset d, long time) {
        ObjectNode custom = F.objectNode();
        custom.put("layer", d.layer.name().toLowerCase(java.util.Locale.ROOT));
        custom.put("materialization", materialization(d));
        custom.put("schedule", d.hourly() ? "@hourly" : "@daily");
        ObjectNode node = F.objectNode();
        node.set("customProperties", custom);
        node.put("name", d.shortName);
        node.put("qualifiedName", d.name);
        if (d.description != null) {
            node.put("description", d.description);
        }
        node.set("created", F.objectNode().put("time", time));
        node.set("lastModified", F.objectNode().put("time", time));
        node.set("tags", F.arrayNode());
        return json(node);
    }

    private static String materialization(DemoDataset d) {
        if ("kafka".equals(d.platform)) {
            return "topic";
        }
        if (d.layer == Layer.SOURCE) {
            return "s3".equals(d.platform) ? "files" : "table";
        }
        return d.hourly() ? "incremental" : "table";
    }

    static String editableDatasetProperties(String description, long time, String actor) {
        ObjectNode node = F.objectNode();
        node.set("created", auditStamp(time, actor));
        node.set("lastModified", auditStamp(time, actor));
        node.put("description", description);
        return json(node);
    }

    static String schemaMetadata(
            DemoDataset d,
            List<DemoColumn> columns,
            long version,
            long created,
            long modified,
            String actor) {
        ObjectNode node = F.objectNode();
        node.put("schemaName", d.name);
        node.put("platform", d.platformUrn());
        node.put("version", version);
        node.set("created", auditStamp(created, INGESTION_ACTOR));
        node.set("lastModified", auditStamp(modified, actor));
        node.put("hash", "");
        node.set("platformSchema", platformSchema(d, columns));
        ArrayNode fields = node.putArray("fields");
        boolean fieldTags = d.tagged && d.piiTagged;
        for (DemoColumn c : columns) {
            ObjectNode f = fields.addObject();
            f.put("fieldPath", c.name);
            f.put("nullable", c.nullable);
            if (c.documented && !c.editable) {
                f.put("description", c.description);
            }
            f.set(
                    "type",
                    F.objectNode()
                            .set("type", F.objectNode().set(c.type.dataHubType, F.objectNode())));
            f.put("nativeDataType", c.type.nativeType(d.platform));
            f.put("recursive", false);
            if (c.isPii() && fieldTags && !c.editable) {
                f.set("globalTags", tags(List.of("PII")));
                f.set("glossaryTerms", terms(List.of(c.pii.term), created));
            }
            f.put("isPartOfKey", c.key);
        }
        if (columns.stream().anyMatch(c -> c.key)) {
            ArrayNode keys = node.putArray("primaryKeys");
            columns.stream().filter(c -> c.key).forEach(c -> keys.add(c.name));
        }
        return json(node);
    }

    private static ObjectNode platformSchema(DemoDataset d, List<DemoColumn> columns) {
        return switch (d.platform) {
            case "kafka" ->
                    F.objectNode()
                            .set(
                                    "com.linkedin.schema.KafkaSchema",
                                    F.objectNode()
                                            .put("documentSchema", avroSchema(d, columns))
                                            .put("documentSchemaType", "AVRO"));
            case "s3" ->
                    F.objectNode()
                            .set(
                                    "com.linkedin.schema.OtherSchema",
                                    F.objectNode().put("rawSchema", ""));
            default ->
                    F.objectNode()
                            .set(
                                    "com.linkedin.schema.MySqlDDL",
                                    F.objectNode().put("tableSchema", ""));
        };
    }

    private static String avroSchema(DemoDataset d, List<DemoColumn> columns) {
        ObjectNode schema = F.objectNode();
        schema.put("type", "record");
        schema.put("name", d.shortName);
        schema.put("namespace", "com.acme." + d.team.name);
        ArrayNode fields = schema.putArray("fields");
        for (DemoColumn c : columns) {
            ObjectNode f = fields.addObject();
            f.put("name", c.name);
            String type = c.type.nativeType("kafka");
            if (c.nullable) {
                f.set("type", F.arrayNode().add("null").add(type));
            } else {
                f.put("type", type);
            }
        }
        return json(schema);
    }

    static String editableSchemaMetadata(DemoDataset d, long time, String actor) {
        ObjectNode node = F.objectNode();
        node.set("created", auditStamp(time, actor));
        node.set("lastModified", auditStamp(time, actor));
        ArrayNode infos = node.putArray("editableSchemaFieldInfo");
        boolean fieldTags = d.tagged && d.piiTagged;
        for (DemoColumn c : d.columns) {
            if (!c.editable) {
                continue;
            }
            ObjectNode info = infos.addObject();
            info.put("fieldPath", c.name);
            if (c.documented) {
                info.put("description", c.description);
            }
            if (c.isPii() && fieldTags) {
                info.set("globalTags", tags(List.of("PII")));
                info.set("glossaryTerms", terms(List.of(c.pii.term), time));
            }
        }
        return json(node);
    }

    static String ownership(DemoDataset d, long time) {
        ObjectNode node = F.objectNode();
        ArrayNode owners = node.putArray("owners");
        if (d.owned) {
            // One engineer of the team as technical owner, the team group as business owner.
            String person = d.team.ownerUrns.get(d.index % d.team.ownerUrns.size());
            owners.addObject().put("owner", person).put("type", "TECHNICAL_OWNER");
            owners.addObject().put("owner", d.team.groupUrn).put("type", "BUSINESS_OWNER");
        }
        node.set("ownerTypes", F.objectNode());
        node.set("lastModified", auditStamp(time, INGESTION_ACTOR));
        return json(node);
    }

    static String globalTags(List<String> tagNames) {
        return json(tags(tagNames));
    }

    private static ObjectNode tags(List<String> tagNames) {
        ObjectNode node = F.objectNode();
        ArrayNode tags = node.putArray("tags");
        for (String t : tagNames) {
            tags.addObject().put("tag", "urn:li:tag:" + t);
        }
        return node;
    }

    static String glossaryTerms(List<String> termUrns, long time) {
        return json(terms(termUrns, time));
    }

    private static ObjectNode terms(List<String> termUrns, long time) {
        ObjectNode node = F.objectNode();
        ArrayNode terms = node.putArray("terms");
        for (String t : termUrns) {
            terms.addObject().put("urn", t);
        }
        node.set("auditStamp", auditStamp(time, INGESTION_ACTOR));
        return node;
    }

    static String domains(DemoDataset d) {
        ObjectNode node = F.objectNode();
        node.putArray("domains").add(d.team.domainUrn);
        return json(node);
    }

    static String upstreamLineage(DemoDataset d, long time) {
        ObjectNode node = F.objectNode();
        ArrayNode ups = node.putArray("upstreams");
        for (DemoDataset u : d.upstreams) {
            ObjectNode up = ups.addObject();
            up.set("auditStamp", auditStamp(time, INGESTION_ACTOR));
            up.put("dataset", u.urn());
            up.put("type", d.layer == Layer.STAGING ? "COPY" : "TRANSFORMED");
        }
        return json(node);
    }

    static String status(boolean removed) {
        return json(F.objectNode().put("removed", removed));
    }

    static String subTypes(DemoDataset d) {
        String type =
                "kafka".equals(d.platform)
                        ? "Topic"
                        : d.layer == Layer.REPORT && d.hourly() ? "View" : "Table";
        ObjectNode node = F.objectNode();
        node.putArray("typeNames").add(type);
        return json(node);
    }

    static String deprecation(DemoDataset d, long decommissionTime) {
        ObjectNode node = F.objectNode();
        node.put("deprecated", true);
        node.put("decommissionTime", decommissionTime);
        node.put(
                "note",
                d.replacement != null
                        ? "Superseded by "
                                + d.replacement.shortName
                                + "; kept until consumers have moved."
                        : "No longer maintained.");
        node.put("actor", d.team.ownerUrns.get(0));
        if (d.replacement != null) {
            node.put("replacement", d.replacement.urn());
        }
        return json(node);
    }

    /** A time-series datasetProfile of one load: row and column counts, nulls of a few columns. */
    static String datasetProfile(
            Load load, long timestampMillis, int columnCount, List<DemoColumn> profiled) {
        ObjectNode node = F.objectNode();
        node.put("timestampMillis", timestampMillis);
        node.set(
                "eventGranularity",
                F.objectNode()
                        .put("unit", load.dataset().hourly() ? "HOUR" : "DAY")
                        .put("multiple", 1));
        node.set(
                "partitionSpec",
                F.objectNode().put("type", "PARTITION").put("partition", load.partition()));
        node.put("rowCount", load.rows());
        node.put("columnCount", columnCount);
        ArrayNode fields = node.putArray("fieldProfiles");
        for (int i = 0; i < profiled.size(); i++) {
            long nulls = load.nullCounts()[i];
            fields.addObject()
                    .put("fieldPath", profiled.get(i).name)
                    .put("nullCount", nulls)
                    .put(
                            "nullProportion",
                            round(load.rows() == 0 ? 0.0 : (double) nulls / load.rows()));
        }
        node.put("sizeInBytes", load.rows() * (40L + 12L * columnCount));
        return json(node);
    }

    /** A time-series operation: appends are INSERT, full refreshes CUSTOM/OVERWRITE. */
    static String operation(Load load, long timestampMillis, String actor) {
        ObjectNode node = F.objectNode();
        node.put("timestampMillis", timestampMillis);
        node.set(
                "partitionSpec",
                F.objectNode().put("type", "PARTITION").put("partition", load.partition()));
        node.put("actor", actor);
        if (load.overwrite()) {
            // DataHub's OperationType has no OVERWRITE; pegasus wants CUSTOM plus the custom name.
            node.put("operationType", "CUSTOM");
            node.put("customOperationType", "OVERWRITE");
        } else {
            node.put("operationType", "INSERT");
        }
        node.put("numAffectedRows", load.rows());
        node.put("sourceType", "DATA_PROCESS");
        node.put("lastUpdatedTimestamp", load.end());
        return json(node);
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000d) / 1_000_000d;
    }
}
