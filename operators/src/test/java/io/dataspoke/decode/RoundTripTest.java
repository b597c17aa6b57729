package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.event.EntityChange;
import io.dataspoke.event.MetadataChange;
import org.junit.jupiter.api.Test;

/** What the demo writes with {@link DataHubAvroEncoder} decodes back to the same event. */
class RoundTripTest {

    private final DataHubAvroEncoder encoder = new DataHubAvroEncoder();
    private final SchemaResolver resolver = SchemaResolver.bundledOnly();

    @Test
    void versionedChange() throws Exception {
        MetadataChange change =
                new MetadataChange(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)",
                        "dataset",
                        "editableDatasetProperties",
                        "UPSERT",
                        "{\"description\":\"Orders, one row per order — ünïcödé\"}",
                        "{\"description\":\"Orders\"}",
                        1767603600000L,
                        "urn:li:corpuser:alice",
                        false);

        byte[] message = encoder.encode(change);

        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.MCL_VERSIONED_ID);
        assertThat(new MetadataChangeLogDecoder(resolver).decode(message, false)).isEqualTo(change);
    }

    @Test
    void timeseriesChange() throws Exception {
        MetadataChange change =
                new MetadataChange(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)",
                        "dataset",
                        "datasetProfile",
                        "UPSERT",
                        "{\"timestampMillis\":1767603600000,\"rowCount\":1200}",
                        null,
                        1767603660000L,
                        "urn:li:corpuser:datahub",
                        true);

        byte[] message = encoder.encode(change);

        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.MCL_TIMESERIES_ID);
        assertThat(new MetadataChangeLogDecoder(resolver).decode(message, true)).isEqualTo(change);
    }

    @Test
    void deleteWithoutAnAspect() throws Exception {
        MetadataChange change =
                new MetadataChange(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.tmp,PROD)",
                        "dataset",
                        "status",
                        "DELETE",
                        null,
                        "{\"removed\":false}",
                        1767603600000L,
                        "urn:li:corpuser:bob",
                        false);

        MetadataChange decoded =
                new MetadataChangeLogDecoder(resolver).decode(encoder.encode(change), false);

        assertThat(decoded).isEqualTo(change);
        assertThat(decoded.isDelete()).isTrue();
    }

    @Test
    void entityChangeInAPlatformEvent() throws Exception {
        String payload =
                "{\"entityUrn\":\"urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)\","
                    + "\"entityType\":\"dataset\",\"category\":\"TECHNICAL_SCHEMA\","
                    + "\"operation\":\"REMOVE\",\"modifier\":\"urn:li:schemaField:(urn:li:"
                    + "dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD),amount)\","
                    + "\"parameters\":{\"fieldPath\":\"amount\",\"nullable\":false},"
                    + "\"auditStamp\":{\"time\":1767603600000,\"actor\":\"urn:li:corpuser:alice\"},"
                    + "\"version\":3}";
        EntityChange change =
                new EntityChange(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)",
                        "dataset",
                        "TECHNICAL_SCHEMA",
                        "REMOVE",
                        "urn:li:schemaField:(urn:li:dataset:(urn:li:dataPlatform:hive,"
                                + "analytics.orders,PROD),amount)",
                        "{\"fieldPath\":\"amount\",\"nullable\":false}",
                        1767603600000L,
                        "urn:li:corpuser:alice",
                        3);

        byte[] message = encoder.encode(change, payload);

        assertThat(ConfluentFraming.schemaId(message)).isEqualTo(DataHubSchemas.PLATFORM_EVENT_ID);
        assertThat(new PlatformEventDecoder(resolver).decode(message)).contains(change);
    }
}
