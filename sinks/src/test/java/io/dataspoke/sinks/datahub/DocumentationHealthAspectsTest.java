package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.linkedin.common.urn.Urn;
import com.linkedin.metadata.aspect.patch.template.common.StructuredPropertiesTemplate;
import com.linkedin.structured.PrimitivePropertyValue;
import com.linkedin.structured.PrimitivePropertyValueArray;
import com.linkedin.structured.PropertyCardinality;
import com.linkedin.structured.StructuredProperties;
import com.linkedin.structured.StructuredPropertyDefinition;
import com.linkedin.structured.StructuredPropertyValueAssignment;
import com.linkedin.structured.StructuredPropertyValueAssignmentArray;
import datahub.shaded.json.Json;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DocumentationHealthAspectsTest {

    private static final String DATASET =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final String OWNER_PROPERTY = "urn:li:structuredProperty:io.acme.dataSteward";

    @Test
    void definesANumberAndAStringPropertyForDatasets() {
        List<DataHubWrite> definitions = DocumentationHealthAspects.definitions();

        assertThat(definitions)
                .extracting(DataHubWrite::entityUrn)
                .containsExactly(
                        DocumentationHealthAspects.SCORE_URN, DocumentationHealthAspects.LEVEL_URN);
        assertThat(definitions)
                .allSatisfy(
                        write -> {
                            assertThat(write.entityType()).isEqualTo("structuredProperty");
                            assertThat(write.aspectName()).isEqualTo("propertyDefinition");
                            assertThat(write.changeType()).isEqualTo(DataHubChangeType.UPSERT);
                        });
        StructuredPropertyDefinition score = definition(definitions.get(0));
        assertThat(score.getQualifiedName()).isEqualTo("io.dataspoke.health.score");
        assertThat(score.getValueType().toString()).isEqualTo("urn:li:dataType:datahub.number");
        assertThat(score.getCardinality()).isEqualTo(PropertyCardinality.SINGLE);
        assertThat(score.getEntityTypes())
                .extracting(Urn::toString)
                .containsExactly("urn:li:entityType:datahub.dataset");
        StructuredPropertyDefinition level = definition(definitions.get(1));
        assertThat(level.getQualifiedName()).isEqualTo("io.dataspoke.health.level");
        assertThat(level.getValueType().toString()).isEqualTo("urn:li:dataType:datahub.string");
    }

    @Test
    void definitionsAreTheSameOnEveryCallSoResendingChangesNothing() {
        assertThat(DocumentationHealthAspects.definitions())
                .isEqualTo(DocumentationHealthAspects.definitions());
        assertThat(DocumentationHealthAspects.definitions().get(0).aspectJson())
                .doesNotContain("created")
                .doesNotContain("lastModified");
    }

    @Test
    void healthPatchSetsBothPropertiesAndKeepsEveryOtherOne() throws Exception {
        DataHubWrite write = DocumentationHealthAspects.health(DATASET, 87, "GOOD");
        assertThat(write.entityType()).isEqualTo("dataset");
        assertThat(write.entityUrn()).isEqualTo(DATASET);
        assertThat(write.aspectName()).isEqualTo("structuredProperties");
        assertThat(write.changeType()).isEqualTo(DataHubChangeType.PATCH);

        // What GMS holds before: someone's steward property and an old DataSpoke score.
        StructuredProperties before =
                new StructuredProperties()
                        .setProperties(
                                new StructuredPropertyValueAssignmentArray(
                                        assignment(
                                                OWNER_PROPERTY,
                                                PrimitivePropertyValue.create("alice")),
                                        assignment(
                                                DocumentationHealthAspects.SCORE_URN,
                                                PrimitivePropertyValue.create(12.0))));
        // Applied with GMS's own patch template for this aspect.
        StructuredProperties after =
                new StructuredPropertiesTemplate()
                        .applyPatch(
                                before,
                                Json.createPatch(
                                        Json.createReader(new StringReader(write.aspectJson()))
                                                .readArray()));

        assertThat(values(after))
                .containsOnly(
                        Map.entry(OWNER_PROPERTY, "alice"),
                        Map.entry(DocumentationHealthAspects.SCORE_URN, "87.0"),
                        Map.entry(DocumentationHealthAspects.LEVEL_URN, "GOOD"));
    }

    @Test
    void refusesWhatTheDefinitionsOrTheScaleDoNotAllow() {
        assertThatThrownBy(
                        () ->
                                DocumentationHealthAspects.health(
                                        "urn:li:chart:(looker,sales)", 50, "FAIR"))
                .hasMessageContaining("not a dataset URN");
        assertThatThrownBy(() -> DocumentationHealthAspects.health(DATASET, 101, "GOOD"))
                .hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> DocumentationHealthAspects.health(DATASET, -1, "POOR"))
                .hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> DocumentationHealthAspects.health(DATASET, 50, " "))
                .hasMessageContaining("level");
    }

    private static StructuredPropertyDefinition definition(DataHubWrite write) {
        return RecordUtils.toRecordTemplate(StructuredPropertyDefinition.class, write.aspectJson());
    }

    private static StructuredPropertyValueAssignment assignment(
            String propertyUrn, PrimitivePropertyValue value) {
        return new StructuredPropertyValueAssignment()
                .setPropertyUrn(DataHubProposals.urn(propertyUrn))
                .setValues(new PrimitivePropertyValueArray(value));
    }

    /** Property URN to its single value, as text. */
    static Map<String, String> values(StructuredProperties properties) {
        return properties.getProperties().stream()
                .collect(
                        Collectors.toMap(
                                assignment -> assignment.getPropertyUrn().toString(),
                                assignment -> {
                                    PrimitivePropertyValue value = assignment.getValues().get(0);
                                    return value.isDouble()
                                            ? String.valueOf(value.getDouble())
                                            : value.getString();
                                }));
    }
}
