package io.dataspoke.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.RunDataset;
import io.dataspoke.event.SchemaColumn;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decodes OpenLineage RunEvents (JSON, as the OpenLineage Kafka transport writes them) into {@link
 * PipelineRun}s. Required fields are checked on the JSON first so that a bad event names what it
 * lacks; the facets are then read through openlineage-java's own model.
 */
public final class OpenLineageDecoder {

    private static final ObjectMapper MAPPER = OpenLineageClientUtils.newObjectMapper();
    private static final Set<String> EVENT_TYPES =
            Arrays.stream(OpenLineage.RunEvent.EventType.values())
                    .map(Enum::name)
                    .collect(Collectors.toUnmodifiableSet());

    /** The run described by one OpenLineage RunEvent. */
    public PipelineRun decode(byte[] json) throws DecodeException {
        if (json == null || json.length == 0) {
            throw new DecodeException("OpenLineage event is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DecodeException(
                    "OpenLineage event is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DecodeException("OpenLineage event cannot be read: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException("OpenLineage event is not a JSON object");
        }
        String eventTime = requiredText(root, "eventTime");
        long eventMillis;
        try {
            eventMillis = OffsetDateTime.parse(eventTime).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new DecodeException(
                    "OpenLineage eventTime is not an ISO-8601 timestamp with offset: " + eventTime);
        }
        requiredText(root, "run", "runId");
        String jobNamespace = requiredText(root, "job", "namespace");
        String jobName = requiredText(root, "job", "name");
        String eventType =
                root.path("eventType").isTextual() ? root.get("eventType").asText() : null;
        if (eventType != null && !EVENT_TYPES.contains(eventType)) {
            throw new DecodeException(
                    "OpenLineage eventType " + eventType + " is not one of " + EVENT_TYPES);
        }

        OpenLineage.RunEvent event;
        try {
            event = MAPPER.treeToValue(root, OpenLineage.RunEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message =
                    e instanceof JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage();
            throw new DecodeException("OpenLineage RunEvent does not fit the spec: " + message, e);
        }
        return new PipelineRun(
                event.getRun().getRunId().toString(),
                eventType == null ? OpenLineage.RunEvent.EventType.OTHER.name() : eventType,
                eventMillis,
                jobNamespace,
                jobName,
                inputs(event.getInputs()),
                outputs(event.getOutputs()),
                errorMessage(event.getRun()));
    }

    private static RunDataset[] inputs(List<OpenLineage.InputDataset> inputs)
            throws DecodeException {
        if (inputs == null) {
            return new RunDataset[0];
        }
        RunDataset[] datasets = new RunDataset[inputs.size()];
        for (int i = 0; i < datasets.length; i++) {
            OpenLineage.InputDataset in = inputs.get(i);
            datasets[i] = dataset("inputs[" + i + "]", in, null, null);
        }
        return datasets;
    }

    private static RunDataset[] outputs(List<OpenLineage.OutputDataset> outputs)
            throws DecodeException {
        if (outputs == null) {
            return new RunDataset[0];
        }
        RunDataset[] datasets = new RunDataset[outputs.size()];
        for (int i = 0; i < datasets.length; i++) {
            OpenLineage.OutputDataset out = outputs.get(i);
            OpenLineage.OutputStatisticsOutputDatasetFacet statistics =
                    out.getOutputFacets() == null
                            ? null
                            : out.getOutputFacets().getOutputStatistics();
            datasets[i] =
                    dataset(
                            "outputs[" + i + "]",
                            out,
                            statistics == null ? null : statistics.getRowCount(),
                            statistics == null ? null : statistics.getSize());
        }
        return datasets;
    }

    private static RunDataset dataset(
            String path, OpenLineage.Dataset dataset, Long rowCount, Long byteCount)
            throws DecodeException {
        String namespace = dataset.getNamespace();
        String name = dataset.getName();
        if (namespace == null || namespace.isBlank()) {
            throw new DecodeException("OpenLineage " + path + ".namespace is missing");
        }
        if (name == null || name.isBlank()) {
            throw new DecodeException("OpenLineage " + path + ".name is missing");
        }
        return new RunDataset(
                DatasetUrns.fromOpenLineage(namespace, name),
                namespace,
                name,
                rowCount,
                byteCount,
                schema(dataset.getFacets()));
    }

    /** The schema facet's columns, nested fields flattened to dotted names; null when absent. */
    private static SchemaColumn[] schema(OpenLineage.DatasetFacets facets) {
        if (facets == null
                || facets.getSchema() == null
                || facets.getSchema().getFields() == null) {
            return null;
        }
        List<SchemaColumn> columns = new ArrayList<>();
        flatten("", facets.getSchema().getFields(), columns);
        return columns.toArray(new SchemaColumn[0]);
    }

    private static void flatten(
            String prefix,
            List<OpenLineage.SchemaDatasetFacetFields> fields,
            List<SchemaColumn> columns) {
        for (OpenLineage.SchemaDatasetFacetFields field : fields) {
            String name = prefix + field.getName();
            columns.add(new SchemaColumn(name, field.getType()));
            if (field.getFields() != null) {
                flatten(name + ".", field.getFields(), columns);
            }
        }
    }

    private static String errorMessage(OpenLineage.Run run) {
        if (run.getFacets() == null || run.getFacets().getErrorMessage() == null) {
            return null;
        }
        return run.getFacets().getErrorMessage().getMessage();
    }

    private static String requiredText(JsonNode root, String... path) throws DecodeException {
        JsonNode node = root;
        for (String step : path) {
            node = node.path(step);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new DecodeException(
                    "OpenLineage RunEvent "
                            + String.join(".", path)
                            + (node.isMissingNode() || node.isNull()
                                    ? " is missing"
                                    : " is not a non-empty string"));
        }
        return node.asText();
    }
}
