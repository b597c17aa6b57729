package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.Fixtures;
import io.dataspoke.aspect.Aspects;
import io.dataspoke.aspect.DatasetProfile;
import io.dataspoke.event.MetadataChange;
import org.junit.jupiter.api.Test;

/** Every binary fixture of DataHub's schema-registry servlet decodes, as it would off Kafka. */
class BinaryFixturesTest {

    private static final String HIVE =
            "urn:li:dataset:(urn:li:dataPlatform:hive,SampleHiveDataset,PROD)";

    private static byte[] fixture(String name) {
        return Fixtures.bytes(Fixtures.BINARY_V1 + name + "_v1_test_fixture.bin");
    }

    @Test
    void versionedMetadataChangeLog() throws Exception {
        byte[] message = fixture("MetadataChangeLog_Versioned");
        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.MCL_VERSIONED_ID);

        MetadataChange change =
                new MetadataChangeLogDecoder(SchemaResolver.bundledOnly()).decode(message, false);

        assertThat(change.entityUrn()).isEqualTo("urn:li:corpuser:datahub");
        assertThat(change.entityType()).isEqualTo("corpuser");
        assertThat(change.aspectName()).isEqualTo("corpUserInfo");
        assertThat(change.changeType()).isEqualTo("UPSERT");
        assertThat(change.aspectJson())
                .isEqualTo(
                        "{\"active\":true,\"system\":true,\"title\":\"DataHub Root User\","
                                + "\"displayName\":\"DataHub\"}");
        assertThat(change.previousAspectJson()).contains("\"email\":\"datahub@linkedin.com\"");
        assertThat(change.eventMillis()).isEqualTo(1755484961352L);
        assertThat(change.actor()).isEqualTo("urn:li:corpuser:__datahub_system");
        assertThat(change.timeseries()).isFalse();
    }

    @Test
    void metadataChangeProposal() throws Exception {
        byte[] message = fixture("MetadataChangeProposal");
        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.MCP_ID);

        MetadataChange change =
                new MetadataChangeProposalDecoder(SchemaResolver.bundledOnly()).decode(message, 1L);

        assertThat(change.entityUrn()).isEqualTo("urn:li:dataHubIngestionSource:datahub-gc");
        assertThat(change.entityType()).isEqualTo("dataHubIngestionSource");
        assertThat(change.aspectName()).isEqualTo("dataHubIngestionSourceInfo");
        assertThat(change.changeType()).isEqualTo("UPSERT");
        assertThat(change.aspectJson())
                .startsWith("{\"type\":\"datahub-gc\",\"name\":\"datahub-gc\"");
        assertThat(change.eventMillis()).isEqualTo(1755484963731L);
        assertThat(change.actor()).isNull();
    }

    @Test
    void failedMetadataChangeProposal() throws Exception {
        byte[] message = fixture("FailedMetadataChangeProposal");
        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.FAILED_MCP_ID);
        MetadataChangeProposalDecoder decoder =
                new MetadataChangeProposalDecoder(SchemaResolver.bundledOnly());

        MetadataChange change = decoder.decode(message, 1L);

        assertThat(change.entityUrn()).isEqualTo("urn:li:corpuser:datahub");
        assertThat(change.aspectName()).isEqualTo("corpUserEditableInfo");
        assertThat(change.changeType()).isEqualTo("CREATE");
        assertThat(change.aspectJson()).contains("\"pictureLink\":\"https://media.licdn.com/");
        assertThat(change.eventMillis()).isEqualTo(1755484962205L);
        assertThat(decoder.failure(message)).isNotBlank();
        assertThat(decoder.failure(fixture("MetadataChangeProposal"))).isNull();
    }

    @Test
    void timeseriesMetadataChangeLogDecodesThroughTheRegistry() throws Exception {
        byte[] message = fixture("MetadataChangeLog_Timeseries");
        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.MCL_TIMESERIES_ID);

        try (FakeSchemaRegistry registry =
                new FakeSchemaRegistry()
                        .register(3, NewerSchemas.metadataChangeLogWithAspectStamps())) {
            MetadataChange change =
                    new MetadataChangeLogDecoder(new SchemaResolver(registry.baseUrl()))
                            .decode(message, true);

            assertThat(change.entityUrn()).isEqualTo(HIVE);
            assertThat(change.aspectName()).isEqualTo("datasetProfile");
            assertThat(change.changeType()).isEqualTo("UPSERT");
            assertThat(change.timeseries()).isTrue();
            // created, which only the newer writer schema finds, comes after the new fields.
            assertThat(change.eventMillis()).isEqualTo(1755485812532L);
            assertThat(change.actor()).isEqualTo("urn:li:corpuser:__datahub_system");
            DatasetProfile profile =
                    (DatasetProfile) Aspects.parse(change.aspectName(), change.aspectJson());
            assertThat(profile.rowCount()).isEqualTo(4500L);
            assertThat(profile.timestampMillis()).isEqualTo(1735823280000L);
            assertThat(profile.field("field_foo").orElseThrow().uniqueProportion())
                    .isEqualTo(4.4E-4);
            assertThat(registry.requests()).isEqualTo(1);
        }
    }

    @Test
    void theBundledV1SchemaAloneRejectsTheTimeseriesFixture() {
        byte[] message = fixture("MetadataChangeLog_Timeseries");
        MetadataChangeLogDecoder decoder =
                new MetadataChangeLogDecoder(SchemaResolver.bundledOnly());

        assertThatThrownBy(() -> decoder.decode(message, true))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("43 trailing bytes")
                .hasMessageContaining("schema id 3");
    }
}
