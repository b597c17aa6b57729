package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.Fixtures;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private static final byte[] TIMESERIES_FIXTURE =
            Fixtures.bytes(Fixtures.BINARY_V1 + "MetadataChangeLog_Timeseries_v1_test_fixture.bin");

    @Test
    void choosesTheDecoderByTopic() {
        Topics topics = new Topics("mcl", "mcl-ts", "pe", "ol", "ql");
        RecordDecoder decoder = new RecordDecoder(topics, (String) null);

        assertThat(decoder.kindOf("mcl")).contains(RecordKind.VERSIONED_MCL);
        assertThat(decoder.kindOf("mcl-ts")).contains(RecordKind.TIMESERIES_MCL);
        assertThat(decoder.kindOf("pe")).contains(RecordKind.PLATFORM_EVENT);
        assertThat(decoder.kindOf("ol")).contains(RecordKind.OPEN_LINEAGE);
        assertThat(decoder.kindOf("ql")).contains(RecordKind.QUERY_LOG);
        assertThat(decoder.kindOf("MetadataChangeLog_Versioned_v1")).isEmpty();
    }

    @Test
    void aShippedCopyResolvesWriterSchemasThroughTheConfiguredRegistry() throws Exception {
        try (FakeSchemaRegistry registry =
                new FakeSchemaRegistry()
                        .register(3, NewerSchemas.metadataChangeLogWithAspectStamps())) {
            RecordDecoder decoder =
                    InstantiationUtil.clone(new RecordDecoder(Topics.DEFAULTS, registry.baseUrl()));
            RawRecord record =
                    new RawRecord(Topics.DEFAULTS.timeseries(), 0, 0, 5L, null, TIMESERIES_FIXTURE);

            Decoded decoded = decoder.decode(record);

            assertThat(decoded).isInstanceOf(Decoded.Change.class);
            assertThat(((Decoded.Change) decoded).event().aspectName()).isEqualTo("datasetProfile");
            assertThat(((Decoded.Change) decoded).event().timeseries()).isTrue();
        }
    }

    @Test
    void withoutTheRegistryTheNewerMessageIsRejected() {
        RecordDecoder decoder = new RecordDecoder(Topics.DEFAULTS, " ");
        RawRecord record =
                new RawRecord(Topics.DEFAULTS.timeseries(), 0, 0, 5L, null, TIMESERIES_FIXTURE);

        assertThatThrownBy(() -> decoder.decode(record))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("43 trailing bytes");
    }

    @Test
    void theKafkaTimestampIsTheLastResortEventTime() throws Exception {
        DataHubAvroEncoder encoder = new DataHubAvroEncoder();
        // The encoder writes eventMillis into created.time and lastObserved; 0 means unknown.
        byte[] message =
                encoder.encode(
                        new io.dataspoke.event.MetadataChange(
                                "urn:li:corpuser:x",
                                "corpuser",
                                "status",
                                "UPSERT",
                                "{\"removed\":false}",
                                null,
                                0L,
                                null,
                                false));
        RawRecord record =
                new RawRecord(Topics.DEFAULTS.versioned(), 0, 0, 1767603600000L, null, message);

        Decoded decoded = new RecordDecoder(Topics.DEFAULTS, (String) null).decode(record);

        assertThat(((Decoded.Change) decoded).event().eventMillis()).isEqualTo(1767603600000L);
    }
}
