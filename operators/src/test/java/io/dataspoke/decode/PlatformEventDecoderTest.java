package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.Fixtures;
import io.dataspoke.event.EntityChange;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class PlatformEventDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataHubAvroEncoder encoder = new DataHubAvroEncoder();
    private final PlatformEventDecoder decoder =
            new PlatformEventDecoder(SchemaResolver.bundledOnly());

    /**
     * The 27 examples of entity-change-event.md, each sent as DataHub sends it. The last three are
     * shown in the doc inside the Actions framework's {@code {"event_type", "event"}} envelope; on
     * Kafka the payload is the bare event, so the test unwraps them.
     */
    @Test
    void everyDocumentedEntityChangeEventDecodes() throws Exception {
        JsonNode examples =
                JSON.readTree(Fixtures.text("datahub/samples/entity_change_event_examples.json"));
        List<EntityChange> changes = new ArrayList<>();
        for (JsonNode example : examples) {
            JsonNode event = example.has("event") ? example.get("event") : example;
            EntityChange header = new EntityChange("", "", "", "", null, null, 99L, null, 0);
            changes.add(decoder.decode(encoder.encode(header, event.toString())).orElseThrow());
        }

        assertThat(changes).hasSize(27);
        Map<String, Long> categories =
                changes.stream()
                        .collect(
                                Collectors.groupingBy(
                                        EntityChange::category, Collectors.counting()));
        assertThat(categories)
                .containsOnlyKeys(
                        "TAG",
                        "GLOSSARY_TERM",
                        "DOMAIN",
                        "OWNER",
                        "STRUCTURED_PROPERTY",
                        "DEPRECATION",
                        "TECHNICAL_SCHEMA",
                        "LIFECYCLE")
                .containsEntry("LIFECYCLE", 13L)
                .containsEntry("TAG", 2L);
        assertThat(changes)
                .extracting(EntityChange::operation)
                .contains(
                        "ADD",
                        "REMOVE",
                        "MODIFY",
                        "CREATE",
                        "SOFT_DELETE",
                        "HARD_DELETE",
                        "COMPLETED");

        EntityChange tagAdded = changes.get(0);
        assertThat(tagAdded.entityUrn()).isEqualTo("urn:li:dataset:abc");
        assertThat(tagAdded.entityType()).isEqualTo("dataset");
        assertThat(tagAdded.category()).isEqualTo("TAG");
        assertThat(tagAdded.operation()).isEqualTo("ADD");
        assertThat(tagAdded.modifier()).isEqualTo("urn:li:tag:PII");
        assertThat(tagAdded.parametersJson()).isEqualTo("{\"tagUrn\":\"urn:li:tag:PII\"}");
        assertThat(tagAdded.eventMillis()).isEqualTo(1649953100653L);
        assertThat(tagAdded.actor()).isEqualTo("urn:li:corpuser:jdoe");
        assertThat(tagAdded.version()).isZero();

        EntityChange columnAdded = changes.get(12);
        assertThat(columnAdded.category()).isEqualTo("TECHNICAL_SCHEMA");
        assertThat(JSON.readTree(columnAdded.parametersJson()).get("fieldPath").asText())
                .isEqualTo("newFieldName");

        EntityChange hardDelete = changes.get(16);
        assertThat(hardDelete.operation()).isEqualTo("HARD_DELETE");
        assertThat(hardDelete.modifier()).isNull();
        assertThat(hardDelete.parametersJson()).isNull();

        EntityChange completed = changes.get(26);
        assertThat(completed.entityType()).isEqualTo("actionRequest");
        assertThat(completed.eventMillis()).isEqualTo(1753829954539L);
    }

    @Test
    void otherPlatformEventsAreSkippedNotErrors() throws Exception {
        byte[] message = platformEvent("datahubUsageEvent", "{\"type\":\"PageViewEvent\"}");

        assertThat(decoder.decode(message)).isEmpty();
    }

    @Test
    void anEntityChangeEventWithoutItsRequiredFieldsFails() throws Exception {
        byte[] noCategory =
                platformEvent(
                        "entityChangeEvent",
                        "{\"entityUrn\":\"urn:li:dataset:abc\",\"entityType\":\"dataset\","
                                + "\"operation\":\"ADD\"}");
        byte[] notJson = platformEvent("entityChangeEvent", "{\"entityUrn\":");

        assertThatThrownBy(() -> decoder.decode(noCategory))
                .isInstanceOf(DecodeException.class)
                .hasMessage("entityChangeEvent.category is missing");
        assertThatThrownBy(() -> decoder.decode(notJson))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("entityChangeEvent payload is not valid JSON");
    }

    @Test
    void withoutAnAuditStampTheHeaderTimeIsTheEventTime() throws Exception {
        byte[] message =
                platformEvent(
                        "entityChangeEvent",
                        "{\"entityUrn\":\"urn:li:dataset:abc\",\"entityType\":\"dataset\","
                                + "\"category\":\"TAG\",\"operation\":\"ADD\",\"version\":2}");

        EntityChange change = decoder.decode(message).orElseThrow();

        assertThat(change.eventMillis()).isEqualTo(1234L);
        assertThat(change.actor()).isNull();
        assertThat(change.version()).isEqualTo(2);
    }

    /** A PlatformEvent named {@code name}, header time 1234. */
    static byte[] platformEvent(String name, String payloadJson) throws Exception {
        Schema schema = DataHubSchemas.platformEvent();
        GenericRecord header = new GenericData.Record(schema.getField("header").schema());
        header.put("timestampMillis", 1234L);
        GenericRecord payload = new GenericData.Record(schema.getField("payload").schema());
        payload.put("value", ByteBuffer.wrap(payloadJson.getBytes(StandardCharsets.UTF_8)));
        payload.put("contentType", "application/json");
        GenericRecord event = new GenericData.Record(schema);
        event.put("header", header);
        event.put("name", name);
        event.put("payload", payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
        encoder.flush();
        return ConfluentFraming.frame(DataHubSchemas.PLATFORM_EVENT_ID, out.toByteArray());
    }
}
