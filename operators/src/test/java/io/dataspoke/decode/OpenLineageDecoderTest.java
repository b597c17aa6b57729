package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.event.PipelineRun;
import io.dataspoke.event.RunDataset;
import io.dataspoke.event.SchemaColumn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenLineageDecoderTest {

    private final OpenLineageDecoder decoder = new OpenLineageDecoder();

    static byte[] resource(String name) {
        try (InputStream in =
                OpenLineageDecoderTest.class.getResourceAsStream(
                        "/io/dataspoke/openlineage/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void start() throws Exception {
        PipelineRun run = decoder.decode(resource("start.json"));

        assertThat(run.runId()).isEqualTo("0195b2a6-7c3e-7d3a-9a53-1f2c3d4e5f60");
        assertThat(run.eventType()).isEqualTo("START");
        assertThat(run.eventMillis()).isEqualTo(1767603600120L);
        assertThat(run.jobNamespace()).isEqualTo("airflow-prod");
        assertThat(run.jobName()).isEqualTo("daily_orders.build");
        assertThat(run.inputs())
                .containsExactly(
                        new RunDataset(
                                "urn:li:dataset:(urn:li:dataPlatform:postgres,shop.public.orders,PROD)",
                                "postgres://orders-db.internal:5432",
                                "shop.public.orders",
                                null,
                                null,
                                null));
        assertThat(run.outputs()).isEmpty();
        assertThat(run.errorMessage()).isNull();
        assertThat(run.failed()).isFalse();
    }

    @Test
    void completeWithOutputStatisticsAndSchema() throws Exception {
        PipelineRun run = decoder.decode(resource("complete.json"));

        assertThat(run.eventType()).isEqualTo("COMPLETE");
        // 09:04:12.500+01:00 is 08:04:12.500 UTC.
        assertThat(run.eventMillis()).isEqualTo(1767600252500L);
        RunDataset input = run.inputs()[0];
        assertThat(input.rowCount()).isNull();
        assertThat(input.schema())
                .containsExactly(
                        new SchemaColumn("order_id", "bigint"),
                        new SchemaColumn("amount", "numeric(12,2)"),
                        new SchemaColumn("ordered_at", "timestamp"));
        RunDataset output = run.outputs()[0];
        assertThat(output.urn())
                .isEqualTo(
                        "urn:li:dataset:(urn:li:dataPlatform:s3,acme-lake/warehouse/daily_orders,PROD)");
        assertThat(output.rowCount()).isEqualTo(1200L);
        assertThat(output.byteCount()).isEqualTo(48213L);
        assertThat(output.schema())
                .extracting(SchemaColumn::name)
                .containsExactly("day", "orders", "revenue", "revenue.gross", "revenue.net");
        assertThat(output.schema()[4].type()).isEqualTo("decimal(14,2)");
    }

    @Test
    void failWithErrorMessage() throws Exception {
        PipelineRun run = decoder.decode(resource("fail.json"));

        assertThat(run.eventType()).isEqualTo("FAIL");
        assertThat(run.failed()).isTrue();
        assertThat(run.errorMessage())
                .isEqualTo(
                        "SQL compilation error: Object 'ANALYTICS.PUBLIC.ORDERS_STAGE' does not"
                                + " exist or not authorized.");
        assertThat(run.outputs()[0].urn())
                .isEqualTo(
                        "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.public.daily_orders,PROD)");
        assertThat(run.outputs()[0].name()).isEqualTo("ANALYTICS.PUBLIC.DAILY_ORDERS");
    }

    @Test
    void anEventWithoutEventTypeIsOther() throws Exception {
        String json =
                new String(resource("start.json"), StandardCharsets.UTF_8)
                        .replace("\"eventType\": \"START\",", "");

        assertThat(decoder.decode(json.getBytes(StandardCharsets.UTF_8)).eventType())
                .isEqualTo("OTHER");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        without(
                                                "start.json",
                                                "\"runId\":"
                                                    + " \"0195b2a6-7c3e-7d3a-9a53-1f2c3d4e5f60\",")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("OpenLineage RunEvent run.runId is missing");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        without(
                                                "complete.json",
                                                "\"eventTime\":"
                                                        + " \"2026-01-05T09:04:12.500+01:00\",")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("OpenLineage RunEvent eventTime is missing");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        without(
                                                "fail.json",
                                                ",\n    \"name\": \"daily_orders.load\"")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("OpenLineage RunEvent job.name is missing");
    }

    @Test
    void malformedEventsFailWithTheReason() {
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        "{\"eventType\": \"START\""
                                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("OpenLineage event is not valid JSON");
        assertThatThrownBy(() -> decoder.decode(replace("start.json", "\"START\"", "\"BEGIN\"")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("OpenLineage eventType BEGIN is not one of");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        replace(
                                                "start.json",
                                                "0195b2a6-7c3e-7d3a-9a53-1f2c3d4e5f60",
                                                "run-17")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("does not fit the spec")
                .hasMessageContaining("run-17");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        replace(
                                                "start.json",
                                                "2026-01-05T09:00:00.120Z",
                                                "yesterday")))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("eventTime is not an ISO-8601 timestamp");
    }

    private static byte[] without(String resource, String text) {
        return replace(resource, text, "");
    }

    private static byte[] replace(String resource, String text, String replacement) {
        String json = new String(resource(resource), StandardCharsets.UTF_8);
        if (!json.contains(text)) {
            throw new IllegalArgumentException(resource + " does not contain " + text);
        }
        return json.replace(text, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
