package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.event.DeadLetter;
import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.QueryLog;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodeFunctionTest {

    private static final Topics TOPICS = Topics.DEFAULTS;
    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)";

    private final DataHubAvroEncoder encoder = new DataHubAvroEncoder();
    private DecodeFunction function;
    private OneInputStreamOperatorTestHarness<RawRecord, MetadataChange> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        function = new DecodeFunction(new RecordDecoder(TOPICS, (String) null));
        harness = ProcessFunctionTestHarnesses.forProcessFunction(function);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void validRecordsOfEveryTopicReachTheirOutput() throws Exception {
        MetadataChange versioned =
                change("datasetProperties", "{\"description\":\"Orders\"}", false);
        MetadataChange profile =
                change(
                        "datasetProfile",
                        "{\"timestampMillis\":1767603600000,\"rowCount\":1200}",
                        true);
        EntityChange tagAdded =
                new EntityChange(
                        ORDERS,
                        "dataset",
                        "TAG",
                        "ADD",
                        "urn:li:tag:PII",
                        "{\"tagUrn\":\"urn:li:tag:PII\"}",
                        1767603600000L,
                        "urn:li:corpuser:alice",
                        0);

        send(TOPICS.versioned(), encoder.encode(versioned));
        send(TOPICS.timeseries(), encoder.encode(profile));
        send(
                TOPICS.platformEvents(),
                encoder.encode(
                        tagAdded,
                        "{\"entityUrn\":\""
                                + ORDERS
                                + "\",\"entityType\":\"dataset\",\"category\":"
                                + "\"TAG\",\"operation\":\"ADD\",\"modifier\":\"urn:li:tag:PII\","
                                + "\"parameters\":{\"tagUrn\":\"urn:li:tag:PII\"},\"auditStamp\":"
                                + "{\"time\":1767603600000,\"actor\":\"urn:li:corpuser:alice\"}}"));
        send(
                TOPICS.platformEvents(),
                PlatformEventDecoderTest.platformEvent("datahubUsageEvent", "{}"));
        send(TOPICS.openLineage(), OpenLineageDecoderTest.resource("complete.json"));
        send(TOPICS.queryLogs(), bytes(QueryLogDecoderTest.EXAMPLE));

        assertThat(harness.extractOutputValues()).containsExactly(versioned, profile);
        assertThat(side(DecodeFunction.ENTITY_CHANGES)).containsExactly(tagAdded);
        List<PipelineRun> runs = side(DecodeFunction.PIPELINE_RUNS);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).eventType()).isEqualTo("COMPLETE");
        assertThat(runs.get(0).outputs()[0].rowCount()).isEqualTo(1200L);
        List<QueryLog> logs = side(DecodeFunction.QUERY_LOGS);
        assertThat(logs).extracting(QueryLog::queryId).containsExactly("q-1");
        assertThat(side(DecodeFunction.DEAD_LETTERS)).isEmpty();

        assertThat(function.eventsIn(RecordKind.VERSIONED_MCL)).isEqualTo(1);
        assertThat(function.eventsIn(RecordKind.TIMESERIES_MCL)).isEqualTo(1);
        assertThat(function.eventsIn(RecordKind.PLATFORM_EVENT)).isEqualTo(2);
        assertThat(function.eventsIn(RecordKind.OPEN_LINEAGE)).isEqualTo(1);
        assertThat(function.eventsIn(RecordKind.QUERY_LOG)).isEqualTo(1);
        assertThat(function.deadLetterCount()).isZero();
    }

    @Test
    void anUnknownAspectPassesThroughAsRawJson() throws Exception {
        MetadataChange custom = change("acmeDataContract", "{\"slaHours\": 6", false);

        send(TOPICS.versioned(), encoder.encode(custom));

        assertThat(harness.extractOutputValues()).containsExactly(custom);
        assertThat(side(DecodeFunction.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void everyUndecodableRecordBecomesOneDeadLetter() throws Exception {
        byte[] valid = encoder.encode(change("status", "{\"removed\":false}", false));
        byte[] garbage = bytes("hello, kafka");
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        byte[] unknownId = ConfluentFraming.frame(99, Arrays.copyOfRange(valid, 5, valid.length));
        byte[] malformedAspect =
                encoder.encode(change("datasetProfile", "{\"timestampMillis\": 17,", true));
        byte[] malformedLineage = bytes("{\"eventType\":\"START\",\"run\":");
        byte[] queryWithoutStatus =
                bytes(QueryLogDecoderTest.EXAMPLE.replace("\"status\":\"SUCCEEDED\",", ""));

        send(TOPICS.versioned(), garbage);
        send(TOPICS.versioned(), truncated);
        send(TOPICS.versioned(), unknownId);
        send(TOPICS.timeseries(), malformedAspect);
        send(TOPICS.openLineage(), malformedLineage);
        send(TOPICS.queryLogs(), queryWithoutStatus);
        send(TOPICS.platformEvents(), new byte[0]);
        send(TOPICS.queryLogs(), null);
        send("some.other.topic", valid);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> letters = side(DecodeFunction.DEAD_LETTERS);
        assertThat(letters).hasSize(9);
        assertThat(letters)
                .extracting(DeadLetter::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(letters).allSatisfy(l -> assertThat(l.partition()).isEqualTo(3));
        assertThat(letters).allSatisfy(l -> assertThat(l.key()).isEqualTo(bytes("key")));
        assertThat(letters)
                .extracting(DeadLetter::topic)
                .containsExactly(
                        TOPICS.versioned(),
                        TOPICS.versioned(),
                        TOPICS.versioned(),
                        TOPICS.timeseries(),
                        TOPICS.openLineage(),
                        TOPICS.queryLogs(),
                        TOPICS.platformEvents(),
                        TOPICS.queryLogs(),
                        "some.other.topic");
        assertThat(letters.get(0).value()).isEqualTo(garbage);
        assertThat(letters.get(1).value()).isEqualTo(truncated);
        assertThat(letters.get(3).value()).isEqualTo(malformedAspect);
        assertThat(letters.get(3).recordTimestamp()).isEqualTo(1_000L + 3);

        List<String> errors = letters.stream().map(DeadLetter::error).collect(Collectors.toList());
        assertThat(errors.get(0))
                .contains("not a Confluent-framed Avro message", "magic byte is 104");
        assertThat(errors.get(1)).startsWith("truncated Avro body");
        assertThat(errors.get(2)).contains("unknown Avro schema id 99");
        assertThat(errors.get(3)).startsWith("datasetProfile is not valid JSON");
        assertThat(errors.get(4)).startsWith("OpenLineage event is not valid JSON");
        assertThat(errors.get(5)).isEqualTo("query log status is missing");
        assertThat(errors.get(6)).isEqualTo("empty value (0 bytes)");
        assertThat(errors.get(7)).isEqualTo("empty value (null, a tombstone)");
        assertThat(errors.get(8)).isEqualTo("topic some.other.topic is not one DataSpoke reads");

        assertThat(function.deadLetterCount()).isEqualTo(9);
        assertThat(function.eventsIn(RecordKind.VERSIONED_MCL)).isEqualTo(3);
    }

    @Test
    void aDecoderBugCostsOneRecordNotTheJob() throws Exception {
        RecordDecoder broken =
                new RecordDecoder(TOPICS, (String) null) {
                    @Override
                    public Decoded decode(RawRecord record) {
                        throw new IllegalStateException("boom");
                    }
                };
        use(new DecodeFunction(broken));

        send(TOPICS.queryLogs(), bytes("{}"));

        assertThat(side(DecodeFunction.DEAD_LETTERS))
                .extracting(DeadLetter::error)
                .containsExactly(
                        "unexpected decoder failure: java.lang.IllegalStateException: boom");
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(function.deadLetterCount()).isEqualTo(1);
    }

    @Test
    void aSerializedCopyDecodesAsTheOriginal() throws Exception {
        MetadataChange versioned = change("status", "{\"removed\":true}", false);
        send(TOPICS.versioned(), encoder.encode(versioned));

        // Flink ships the function serialized; the decoders it built are transient.
        DecodeFunction copy = InstantiationUtil.clone(function);
        use(copy);
        send(TOPICS.versioned(), encoder.encode(versioned));

        assertThat(harness.extractOutputValues()).containsExactly(versioned);
    }

    /** Replaces the function under test (the old harness is closed). */
    private void use(DecodeFunction replacement) throws Exception {
        harness.close();
        function = replacement;
        harness = ProcessFunctionTestHarnesses.forProcessFunction(function);
    }

    private MetadataChange change(String aspectName, String json, boolean timeseries) {
        return new MetadataChange(
                ORDERS,
                "dataset",
                aspectName,
                "UPSERT",
                json,
                null,
                1767603600000L,
                "urn:li:corpuser:alice",
                timeseries);
    }

    private void send(String topic, byte[] value) throws Exception {
        long at = 1_000L + offset;
        harness.processElement(new RawRecord(topic, 3, offset++, at, bytes("key"), value), at);
    }

    private <T> List<T> side(OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null
                ? List.of()
                : records.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
