package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataspoke.demo.DemoFixtures.Mcl;
import io.dataspoke.demo.GroundTruth.Dataset;
import io.dataspoke.event.Topics;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoRecordsTest {

    private final DemoHistory history = DemoFixtures.defaultHistory();
    private final GroundTruth truth = history.groundTruth();

    @Test
    void defaultSizeFitsTheDemoBudget() {
        assertThat(history.records().size()).isBetween(150_000, 300_000);
        assertThat(history.countsByTopic().keySet())
                .containsExactlyElementsOf(Topics.DEFAULTS.all());
        assertThat(history.countsByTopic().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(history.records().size());
        assertThat(history.countsByTopic())
                .allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
    }

    @Test
    void everyRecordHasAValueAndAnEventTimeInsideTheHistoryInOrder() {
        long start = truth.start().toEpochMilli();
        long end = truth.end().toEpochMilli() + 24 * 3_600_000L;
        long previous = Long.MIN_VALUE;
        for (DemoRecord r : history.records()) {
            assertThat(r.value()).as("value of %s", r).isNotEmpty();
            assertThat(r.key()).as("key of %s", r).isNotEmpty();
            assertThat(r.timestampMillis())
                    .as("time of %s", r)
                    .isGreaterThanOrEqualTo(start)
                    .isLessThan(end);
            assertThat(r.timestampMillis()).as("order at %s", r).isGreaterThanOrEqualTo(previous);
            previous = r.timestampMillis();
        }
    }

    @Test
    void metadataChangeLogsAreKeyedByUrnAndCarryPegasusJson() {
        DemoFixtures.Events events = DemoFixtures.events();
        Set<String> urns = truth.datasets().stream().map(Dataset::urn).collect(Collectors.toSet());
        int decoded = 0;
        for (DemoRecord r : history.records()) {
            if (r.topic().startsWith("MetadataChangeLog") && decoded++ % 7 == 0) {
                Mcl mcl = events.mcl(r);
                assertThat(r.keyString()).isEqualTo(mcl.urn());
                assertThat(urns).contains(mcl.urn());
                assertThat(mcl.timeseries())
                        .isEqualTo(r.topic().equals(Topics.DEFAULTS.timeseries()));
                assertThat(mcl.aspect() != null || mcl.changeType().equals("DELETE")).isTrue();
            }
        }
        assertThat(decoded).isGreaterThan(100_000);

        List<Mcl> mcls = events.mcls(truth.controls().get(0));
        Mcl schema =
                mcls.stream()
                        .filter(m -> m.aspectName().equals("schemaMetadata"))
                        .findFirst()
                        .orElseThrow();
        JsonNode field = schema.aspect().path("fields").path(0);
        assertThat(field.path("fieldPath").asText()).isNotEmpty();
        assertThat(field.path("type").path("type").fieldNames().next())
                .startsWith("com.linkedin.schema.");
        assertThat(field.path("nativeDataType").asText()).isNotEmpty();
        assertThat(schema.aspect().path("platform").asText()).startsWith("urn:li:dataPlatform:");

        Mcl ownership =
                mcls.stream()
                        .filter(m -> m.aspectName().equals("ownership"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ownership.aspect().path("owners").path(0).path("owner").asText())
                .startsWith("urn:li:corpuser:");
        assertThat(ownership.aspect().path("owners").path(0).path("type").asText())
                .isEqualTo("TECHNICAL_OWNER");

        Mcl profile =
                mcls.stream()
                        .filter(m -> m.aspectName().equals("datasetProfile"))
                        .findFirst()
                        .orElseThrow();
        assertThat(profile.timeseries()).isTrue();
        assertThat(profile.aspect().path("timestampMillis").asLong())
                .isEqualTo(profile.timestamp());
        assertThat(profile.aspect().path("rowCount").asLong()).isPositive();
        assertThat(profile.aspect().path("columnCount").asLong())
                .isEqualTo(schema.aspect().path("fields").size());
        JsonNode fp = profile.aspect().path("fieldProfiles").path(0);
        assertThat(fp.has("fieldPath") && fp.has("nullCount") && fp.has("nullProportion")).isTrue();

        Mcl operation =
                mcls.stream()
                        .filter(m -> m.aspectName().equals("operation"))
                        .findFirst()
                        .orElseThrow();
        assertThat(operation.aspect().path("operationType").asText()).isIn("INSERT", "CUSTOM");
        assertThat(operation.aspect().path("numAffectedRows").asLong()).isPositive();
        assertThat(operation.aspect().path("lastUpdatedTimestamp").asLong())
                .isLessThan(operation.timestamp());
        assertThat(operation.aspect().path("actor").asText()).startsWith("urn:li:corpuser:");
    }

    @Test
    void piiColumnsOfDocumentedDatasetsAreTaggedAndGapDatasetsAreNot() {
        DemoFixtures.Events events = DemoFixtures.events();
        for (Dataset d : truth.datasets()) {
            if (d.piiColumns().isEmpty()) {
                continue;
            }
            Set<String> tagged = new java.util.HashSet<>();
            for (Mcl m : events.versioned(d.urn())) {
                JsonNode fields =
                        m.aspectName().equals("schemaMetadata")
                                ? m.aspect().path("fields")
                                : m.aspectName().equals("editableSchemaMetadata")
                                        ? m.aspect().path("editableSchemaFieldInfo")
                                        : null;
                if (fields != null) {
                    fields.forEach(
                            f -> {
                                if (f.path("globalTags").toString().contains("urn:li:tag:PII")) {
                                    tagged.add(f.path("fieldPath").asText());
                                }
                            });
                }
            }
            if (d.initialGaps().contains(GroundTruth.GapType.UNTAGGED_PII)) {
                assertThat(tagged).as("PII tags of %s", d.name()).isEmpty();
                assertThat(d.tags()).doesNotContain("PII");
            } else {
                assertThat(tagged).as("PII tags of %s", d.name()).containsAll(d.piiColumns());
                assertThat(d.tags()).contains("PII");
            }
        }
    }

    @Test
    void everyDatasetStartsWithItsVersionedAspects() {
        DemoFixtures.Events events = DemoFixtures.events();
        Set<String> all = new java.util.HashSet<>();
        for (Dataset d : truth.datasets()) {
            List<String> aspects =
                    events.versioned(d.urn()).stream()
                            .filter(m -> m.timestamp() < truth.start().toEpochMilli() + 60_000)
                            .map(Mcl::aspectName)
                            .toList();
            assertThat(aspects)
                    .as("aspects of %s", d.name())
                    .contains("datasetKey", "datasetProperties", "schemaMetadata", "status");
            all.addAll(aspects);
        }
        assertThat(all)
                .contains(
                        "editableDatasetProperties",
                        "editableSchemaMetadata",
                        "ownership",
                        "globalTags",
                        "glossaryTerms",
                        "domains",
                        "upstreamLineage",
                        "subTypes",
                        "deprecation");
    }

    @Test
    void openLineageEventsParseAndMapBackToDataHubUrns() {
        Map<String, Dataset> byJob =
                truth.datasets().stream()
                        .collect(Collectors.toMap(Dataset::jobName, Function.identity()));
        int checked = 0;
        for (DemoRecord r : history.records()) {
            if (!r.topic().equals(Topics.DEFAULTS.openLineage()) || checked++ % 97 != 0) {
                continue;
            }
            OpenLineage.RunEvent event =
                    OpenLineageClientUtils.runEventFromJson(
                            new String(r.value(), StandardCharsets.UTF_8));
            Dataset d = byJob.get(r.keyString());
            assertThat(d).as("dataset of job %s", r.keyString()).isNotNull();
            assertThat(event.getJob().getName()).isEqualTo(r.keyString());
            assertThat(event.getJob().getNamespace()).isEqualTo(d.team());
            OpenLineage.OutputDataset output = event.getOutputs().get(0);
            assertThat(urnOf(output.getNamespace(), output.getName())).isEqualTo(d.urn());
            List<String> inputs = new ArrayList<>();
            event.getInputs().forEach(i -> inputs.add(urnOf(i.getNamespace(), i.getName())));
            assertThat(inputs).containsExactlyElementsOf(d.upstreams());
            if (event.getEventType() == OpenLineage.RunEvent.EventType.COMPLETE) {
                assertThat(output.getOutputFacets().getOutputStatistics().getRowCount())
                        .isPositive();
                assertThat(output.getFacets().getSchema().getFields()).isNotEmpty();
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void queryLogsHaveTheShippersFieldsInOrderAndResolvableTables() {
        Set<String> urns = truth.datasets().stream().map(Dataset::urn).collect(Collectors.toSet());
        List<JsonNode> queries = DemoFixtures.events().queries();
        assertThat(queries).hasSizeGreaterThan(3 * 28);
        for (JsonNode q : queries) {
            List<String> fields = new ArrayList<>();
            q.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .containsExactly(
                            "engine",
                            "queryId",
                            "user",
                            "statement",
                            "tablesRead",
                            "tablesWritten",
                            "rows",
                            "startTime",
                            "endTime",
                            "status",
                            "error",
                            "platform",
                            "env");
            assertThat(q.path("startTime").asText())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(q.path("status").asText()).isIn("SUCCEEDED", "FAILED");
            for (JsonNode table : q.path("tablesRead")) {
                assertThat(urns).contains(urn(q.path("platform").asText(), table.asText()));
            }
            for (JsonNode table : q.path("tablesWritten")) {
                assertThat(urns).contains(urn(q.path("platform").asText(), table.asText()));
            }
        }
        assertThat(queries.stream().map(q -> q.path("queryId").asText()).distinct())
                .hasSameSizeAs(queries);
        assertThat(queries).anySatisfy(q -> assertThat(q.path("tablesWritten")).isNotEmpty());
        assertThat(queries)
                .anySatisfy(q -> assertThat(q.path("status").asText()).isEqualTo("FAILED"));
    }

    static String urnOf(String namespace, String name) {
        return urn(namespace.substring(0, namespace.indexOf("://")), name);
    }

    static String urn(String platform, String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)";
    }
}
