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
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * The default demo history, generated and decoded once per test JVM, with the records decoded the
 * way a consumer would: Avro bodies read with the bundled schemas after the 5-byte Confluent
 * header, JSON values parsed.
 */
final class DemoFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Topics TOPICS = Topics.DEFAULTS;

    private static DemoHistory history;
    private static Decoded decoded;

    private DemoFixtures() {}

    static synchronized DemoHistory defaultHistory() {
        if (history == null) {
            history = DemoGenerator.generate(DemoConfig.defaults());
        }
        return history;
    }

    static synchronized Decoded decoded() {
        if (decoded == null) {
            decoded = decode(defaultHistory());
        }
        return decoded;
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

        String outputName() {
            return event.path("outputs").path(0).path("name").asText();
        }
    }

    record Decoded(List<Mcl> mcls, List<Ece> eces, List<Run> runs, List<JsonNode> queries) {
        List<Mcl> timeseries(String urn, String aspect) {
            return mcls.stream()
                    .filter(
                            m ->
                                    m.timeseries()
                                            && m.urn().equals(urn)
                                            && m.aspectName().equals(aspect))
                    .toList();
        }

        List<Run> runsOf(String jobName) {
            return runs.stream().filter(r -> r.key().equals(jobName)).toList();
        }
    }

    static Decoded decode(DemoHistory h) {
        GenericDatumReader<GenericRecord> mclReader =
                new GenericDatumReader<>(DataHubSchemas.metadataChangeLog());
        GenericDatumReader<GenericRecord> peReader =
                new GenericDatumReader<>(DataHubSchemas.platformEvent());
        List<Mcl> mcls = new ArrayList<>();
        List<Ece> eces = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        List<JsonNode> queries = new ArrayList<>();
        try {
            for (DemoRecord r : h.records()) {
                String topic = r.topic();
                if (topic.equals(TOPICS.versioned()) || topic.equals(TOPICS.timeseries())) {
                    GenericRecord g = avro(mclReader, r.value());
                    mcls.add(
                            new Mcl(
                                    g.get("entityUrn").toString(),
                                    String.valueOf(g.get("aspectName")),
                                    g.get("changeType").toString(),
                                    aspectJson((GenericRecord) g.get("aspect")),
                                    aspectJson((GenericRecord) g.get("previousAspectValue")),
                                    r.timestampMillis(),
                                    topic.equals(TOPICS.timeseries())));
                } else if (topic.equals(TOPICS.platformEvents())) {
                    GenericRecord g = avro(peReader, r.value());
                    GenericRecord payload = (GenericRecord) g.get("payload");
                    eces.add(
                            new Ece(
                                    g.get("name").toString(),
                                    JSON.readTree(text((ByteBuffer) payload.get("value"))),
                                    r.timestampMillis()));
                } else if (topic.equals(TOPICS.openLineage())) {
                    runs.add(new Run(r.keyString(), JSON.readTree(r.value()), r.timestampMillis()));
                } else {
                    queries.add(JSON.readTree(r.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Decoded(mcls, eces, runs, queries);
    }

    static GenericRecord avro(GenericDatumReader<GenericRecord> reader, byte[] framed)
            throws IOException {
        return reader.read(
                null,
                DecoderFactory.get()
                        .binaryDecoder(
                                framed,
                                ConfluentFraming.HEADER_SIZE,
                                framed.length - ConfluentFraming.HEADER_SIZE,
                                null));
    }

    private static JsonNode aspectJson(GenericRecord aspect) throws IOException {
        return aspect == null ? null : JSON.readTree(text((ByteBuffer) aspect.get("value")));
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
}
