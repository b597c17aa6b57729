package io.dataspoke.aspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.Fixtures;
import io.dataspoke.decode.DecodeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AspectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMetadataChangeLogDocExamplesParseIntoTypedAspects() throws Exception {
        JsonNode examples =
                JSON.readTree(
                        Fixtures.text("datahub/samples/metadata_change_log_event_examples.json"));
        List<Aspect> aspects = new ArrayList<>();
        for (JsonNode mcl : examples) {
            aspects.add(
                    Aspects.parse(
                            mcl.get("aspectName").asText(),
                            mcl.get("aspect").get("value").asText()));
        }

        assertThat(aspects).hasSize(3);
        assertThat(((GlobalTags) aspects.get(0)).tags()).containsExactly("urn:li:tag:pii");
        GlossaryTerms terms = (GlossaryTerms) aspects.get(1);
        assertThat(terms.terms()).containsExactly("urn:li:glossaryTerm:CustomerAccount");
        assertThat(terms.auditStamp())
                .isEqualTo(new AuditStamp(1651516599479L, "urn:li:corpuser:datahub"));
        Ownership ownership = (Ownership) aspects.get(2);
        assertThat(ownership.owners())
                .containsExactly(new Ownership.Owner("urn:li:corpuser:datahub", "DATAOWNER", null));
        assertThat(ownership.lastModified().time()).isEqualTo(1651516640488L);

        Ownership previous =
                (Ownership)
                        Aspects.parse(
                                "ownership",
                                examples.get(2).get("previousAspectValue").get("value").asText());
        assertThat(previous.owners())
                .extracting(Ownership.Owner::owner)
                .containsExactly("urn:li:corpuser:jdoe", "urn:li:corpuser:datahub");
    }

    @Test
    void schemaMetadataReadsFieldsTypesTagsAndTerms() throws Exception {
        String json =
                "{\"schemaName\":\"orders\",\"platform\":\"urn:li:dataPlatform:hive\","
                    + "\"version\":3,\"hash\":\"\",\"platformSchema\":{\"com.linkedin.schema"
                    + ".MySqlDDL\":{\"tableSchema\":\"\"}},\"fields\":["
                    + "{\"fieldPath\":\"[version=2.0].[type=struct].[type=long].id\","
                    + "\"nativeDataType\":\"bigint\",\"type\":{\"type\":{\"com.linkedin"
                    + ".schema.NumberType\":{}}},\"nullable\":false,\"isPartOfKey\":true,\"description\":\"order"
                    + " id\",\"globalTags\":{\"tags\":[{\"tag\":"
                    + "\"urn:li:tag:PII\"}]},\"glossaryTerms\":{\"terms\":[{\"urn\":"
                    + "\"urn:li:glossaryTerm:OrderId\"}],\"auditStamp\":{\"time\":1,"
                    + "\"actor\":\"urn:li:corpuser:a\"}}},"
                    + "{\"fieldPath\":\"note\",\"nativeDataType\":\"string\",\"type\":{\"type\":"
                    + "{\"com.linkedin.schema.StringType\":{}}},\"nullable\":true}],"
                    + "\"primaryKeys\":[\"id\"]}";

        SchemaMetadata schema = (SchemaMetadata) Aspects.parse("schemaMetadata", json);

        assertThat(schema.version()).isEqualTo(3);
        assertThat(schema.primaryKeys()).containsExactly("id");
        SchemaMetadata.Field id = schema.fields().get(0);
        assertThat(id.type()).isEqualTo("NUMBER");
        assertThat(id.simplePath()).isEqualTo("id");
        assertThat(id.partOfKey()).isTrue();
        assertThat(id.tags()).containsExactly("urn:li:tag:PII");
        assertThat(id.glossaryTerms()).containsExactly("urn:li:glossaryTerm:OrderId");
        SchemaMetadata.Field note = schema.field("note").orElseThrow();
        assertThat(note.type()).isEqualTo("STRING");
        assertThat(note.nullable()).isTrue();
        assertThat(note.description()).isNull();
        assertThat(note.tags()).isEmpty();
    }

    @Test
    void timeseriesAspectsCarryTheirNumbers() throws Exception {
        Operation operation =
                (Operation)
                        Aspects.parse(
                                "operation",
                                "{\"timestampMillis\":10,\"operationType\":\"CUSTOM\","
                                    + "\"customOperationType\":\"MERGE\",\"numAffectedRows\":7,"
                                    + "\"lastUpdatedTimestamp\":9,\"affectedDatasets\":[\"urn:x\"]}");
        assertThat(operation)
                .isEqualTo(
                        new Operation(10, 9, "CUSTOM", "MERGE", 7L, List.of("urn:x"), null, null));

        AssertionRunEvent run =
                (AssertionRunEvent)
                        Aspects.parse(
                                "assertionRunEvent",
                                "{\"timestampMillis\":5,\"runId\":\"r\",\"assertionUrn\":\"urn:a\","
                                        + "\"asserteeUrn\":\"urn:d\",\"status\":\"COMPLETE\","
                                        + "\"result\":{\"type\":\"FAILURE\",\"unexpectedCount\":3,"
                                        + "\"actualAggValue\":0.5}}");
        assertThat(run.resultType()).isEqualTo("FAILURE");
        assertThat(run.failed()).isTrue();
        assertThat(run.unexpectedCount()).isEqualTo(3L);
        assertThat(run.actualAggValue()).isEqualTo(0.5);

        Deprecation deprecation =
                (Deprecation)
                        Aspects.parse(
                                "deprecation",
                                "{\"deprecated\":true,\"note\":\"use v2\",\"actor\":\"urn:u\"}");
        assertThat(deprecation.deprecated()).isTrue();
        assertThat(deprecation.decommissionTime()).isNull();
    }

    @Test
    void unknownAspectsStayRawAndAreNotEvenParsed() throws Exception {
        Aspect aspect = Aspects.parse("browsePathsV2", "not json at all");

        assertThat(aspect).isEqualTo(new RawAspect("browsePathsV2", "not json at all"));
        assertThat(aspect.aspectName()).isEqualTo("browsePathsV2");
    }

    @Test
    void malformedKnownAspectsFailNamingTheProblem() {
        assertThatThrownBy(() -> Aspects.parse("datasetProperties", "{\"description\": "))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("datasetProperties is not valid JSON");
        assertThatThrownBy(() -> Aspects.parse("status", "[true]"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("status is not a JSON object but ARRAY");
        assertThatThrownBy(() -> Aspects.parse("datasetProfile", "{\"rowCount\": 5}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("datasetProfile.timestampMillis is missing");
        assertThatThrownBy(
                        () ->
                                Aspects.parse(
                                        "datasetProfile",
                                        "{\"timestampMillis\":1,\"rowCount\":\"many\"}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("datasetProfile.rowCount is STRING, expected an integer");
        assertThatThrownBy(
                        () ->
                                Aspects.parse(
                                        "schemaMetadata",
                                        "{\"fields\":[{\"fieldPath\":\"a\",\"nativeDataType\":\"int\","
                                            + "\"type\":{\"type\":{\"com.linkedin.schema.NumberType\":{}}}},"
                                            + "{\"nativeDataType\":\"int\"}]}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("schemaMetadata.fields[1].fieldPath is missing");
        assertThatThrownBy(() -> Aspects.parse("ownership", "{\"owners\":[{\"type\":\"X\"}]}"))
                .isInstanceOf(DecodeException.class)
                .hasMessage("ownership.owners[0].owner is missing");
    }

    @Test
    void simplifiesV2FieldPaths() {
        assertThat(SchemaMetadata.simplify("[version=2.0].[type=boolean].field_foo_2"))
                .isEqualTo("field_foo_2");
        assertThat(SchemaMetadata.simplify("[version=2.0].[type=struct].address.[type=string].zip"))
                .isEqualTo("address.zip");
        assertThat(SchemaMetadata.simplify("plain.path")).isEqualTo("plain.path");
    }

    @Test
    void knowsWhichAspectsAreTimeseries() {
        assertThat(Aspects.isTimeseries("datasetProfile")).isTrue();
        assertThat(Aspects.isTimeseries("datasetUsageStatistics")).isTrue();
        assertThat(Aspects.isTimeseries("schemaMetadata")).isFalse();
        assertThat(Aspects.isKnown("datasetUsageStatistics")).isFalse();
    }
}
