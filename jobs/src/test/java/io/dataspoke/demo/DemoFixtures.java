package io.dataspoke.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.decode.ConfluentFraming;
import io.dataspoke.decode.DataHubSchemas;
import io.dataspoke.event.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * The default demo history, generated once per test JVM, and its records decoded the way a consumer
 * decodes them: Avro bodies read with the bundled schemas after the 5-byte Confluent header, JSON
 * values parsed. Records are indexed by key and decoded on demand, so a test pays only for the
 * datasets it looks at.
 */
final class DemoFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Topics TOPICS = Topics.DEFAULTS;

    private static DemoHistory history;
    private static Events events;

    private DemoFixtures() {}

    static synchronized DemoHistory defaultHistory() {
        if (history == null) {
            history = DemoGenerator.generate(DemoConfig.defaults());
        }
        return history;
    }

    static synchronized Events events() {
        if (events == null) {
            events = new Events(defaultHistory());
        }
        return events;
    }

    /** A MetadataChangeLog as decoded from its Avro body. */
    record Mcl(
            String urn,
            String aspectName,
            String changeType,
            JsonNode aspect,
            JsonNode previous,
            long timestamp,
            boolean timeseries) {}

    /** An EntityChangeEvent payload from a PlatformEvent. */
    record Ece(String name, JsonNode payload, long timestamp) {}

    /** A parsed OpenLineage RunEvent with its key. */
    record Run(String key, JsonNode event, long timestamp) {
        String eventType() {
            return event.path("eventType").asText();
        }
    }

    /** The records of a history by topic and key, decoded when asked for. */
    static final class Events {
        private final Map<String, Map<String, List<DemoRecord>>> byTopicAndKey = new HashMap<>();
        private final GenericDatumReader<GenericRecord> mclReader =
                new GenericDatumReader<>(DataHubSchemas.metadataChangeLog());
        private final GenericDatumReader<GenericRecord> peReader =
                new GenericDatumReader<>(DataHubSchemas.platformEvent());

        Events(DemoHistory h) {
            for (DemoRecord r : h.records()) {
                byTopicAndKey
                        .computeIfAbsent(r.topic(), t -> new HashMap<>())
                        .computeIfAbsent(r.keyString(), k -> new ArrayList<>())
                        .add(r);
            }
        }

        List<DemoRecord> records(String topic, String key) {
            return byTopicAndKey.getOrDefault(topic, Map.of()).getOrDefault(key, List.of());
        }

        /** Versioned and time-series MCLs of one entity, in time order within each topic. */
        List<Mcl> mcls(String urn) {
            List<Mcl> out = new ArrayList<>();
            records(TOPICS.versioned(), urn).forEach(r -> out.add(mcl(r)));
            records(TOPICS.timeseries(), urn).forEach(r -> out.add(mcl(r)));
            return out;
        }

        List<Mcl> versioned(String urn) {
            return records(TOPICS.versioned(), urn).stream().map(this::mcl).toList();
        }

        List<Mcl> timeseries(String urn, String aspect) {
            return records(TOPICS.timeseries(), urn).stream()
                    .map(this::mcl)
                    .filter(m -> m.aspectName().equals(aspect))
                    .toList();
        }

        List<Ece> eces(String urn) {
            return records(TOPICS.platformEvents(), urn).stream().map(this::ece).toList();
        }

        List<Run> runsOf(String jobName) {
            return records(TOPICS.openLineage(), jobName).stream()
                    .map(r -> new Run(r.keyString(), json(r.value()), r.timestampMillis()))
                    .toList();
        }

        List<JsonNode> queries() {
            List<JsonNode> out = new ArrayList<>();
            byTopicAndKey
                    .getOrDefault(TOPICS.queryLogs(), Map.of())
                    .values()
                    .forEach(list -> list.forEach(r -> out.add(json(r.value()))));
            return out;
        }

        Map<String, List<DemoRecord>> keys(String topic) {
            return byTopicAndKey.getOrDefault(topic, Map.of());
        }

        Mcl mcl(DemoRecord r) {
            GenericRecord g = avro(mclReader, r.value());
            return new Mcl(
                    g.get("entityUrn").toString(),
                    String.valueOf(g.get("aspectName")),
                    g.get("changeType").toString(),
                    aspectJson((GenericRecord) g.get("aspect")),
                    aspectJson((GenericRecord) g.get("previousAspectValue")),
                    r.timestampMillis(),
                    r.topic().equals(TOPICS.timeseries()));
        }

        Ece ece(DemoRecord r) {
            GenericRecord g = avro(peReader, r.value());
            GenericRecord payload = (GenericRecord) g.get("payload");
            return new Ece(
                    g.get("name").toString(),
                    json(text((ByteBuffer) payload.get("value"))),
                    r.timestampMillis());
        }
    }

    static GenericRecord avro(GenericDatumReader<GenericRecord> reader, byte[] framed) {
        try {
            return reader.read(
                    null,
                    DecoderFactory.get()
                            .binaryDecoder(
                                    framed,
                                    ConfluentFraming.HEADER_SIZE,
                                    framed.length - ConfluentFraming.HEADER_SIZE,
                                    null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(byte[] value) {
        return json(new String(value, StandardCharsets.UTF_8));
    }

    static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode aspectJson(GenericRecord aspect) {
        return aspect == null ? null : json(text((ByteBuffer) aspect.get("value")));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
