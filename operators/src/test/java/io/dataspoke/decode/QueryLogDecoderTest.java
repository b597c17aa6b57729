package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.event.QueryLog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryLogDecoderTest {

    /** The example of docs/query-log-format.md. */
    static final String EXAMPLE =
            "{\"engine\":\"trino\",\"queryId\":\"q-1\",\"user\":\"alice\",\"statement\":\"INSERT"
                + " INTO analytics.daily_orders SELECT … FROM analytics.orders\","
                + "\"tablesRead\":[\"analytics.orders\"],"
                + "\"tablesWritten\":[\"analytics.daily_orders\"],\"rows\":1200,"
                + "\"startTime\":\"2026-01-05T09:00:00Z\",\"endTime\":\"2026-01-05T09:00:03Z\","
                + "\"status\":\"SUCCEEDED\",\"error\":null,\"platform\":\"hive\",\"env\":\"PROD\"}";

    private final QueryLogDecoder decoder = new QueryLogDecoder();

    @Test
    void decodesTheDocumentedExample() throws Exception {
        QueryLog log = decoder.decode(bytes(EXAMPLE));

        assertThat(log.engine()).isEqualTo("trino");
        assertThat(log.queryId()).isEqualTo("q-1");
        assertThat(log.user()).isEqualTo("alice");
        assertThat(log.statement()).startsWith("INSERT INTO analytics.daily_orders");
        assertThat(log.tablesRead())
                .containsExactly("urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)");
        assertThat(log.tablesWritten())
                .containsExactly(
                        "urn:li:dataset:(urn:li:dataPlatform:hive,analytics.daily_orders,PROD)");
        assertThat(log.rows()).isEqualTo(1200L);
        assertThat(log.startMillis()).isEqualTo(1767603600000L);
        assertThat(log.endMillis()).isEqualTo(1767603603000L);
        assertThat(log.status()).isEqualTo("SUCCEEDED");
        assertThat(log.error()).isNull();
    }

    @Test
    void appliesDefaultsAndKeepsUrns() throws Exception {
        QueryLog log =
                decoder.decode(
                        bytes(
                                "{\"engine\":\"trino\",\"queryId\":\"q-2\",\"statement\":\"DELETE"
                                    + " FROM t\",\"startTime\":\"2026-01-05T10:00:00+01:00\","
                                    + "\"endTime\":\"2026-01-05T10:00:01+01:00\",\"status\":\"FAILED\",\"error\":\"Access"
                                    + " Denied\","
                                    + "\"env\":\"dev\",\"tablesWritten\":[\"sales.orders\","
                                    + "\"urn:li:dataset:(urn:li:dataPlatform:hive,sales.raw,PROD)\"]}"));

        assertThat(log.user()).isNull();
        assertThat(log.rows()).isNull();
        assertThat(log.tablesRead()).isEmpty();
        // platform defaults to the engine, env comes from the record.
        assertThat(log.tablesWritten())
                .containsExactly(
                        "urn:li:dataset:(urn:li:dataPlatform:trino,sales.orders,DEV)",
                        "urn:li:dataset:(urn:li:dataPlatform:hive,sales.raw,PROD)");
        assertThat(log.startMillis()).isEqualTo(1767603600000L);
        assertThat(log.status()).isEqualTo("FAILED");
        assertThat(log.error()).isEqualTo("Access Denied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "queryId", "statement", "startTime", "endTime", "status"})
    void eachMissingRequiredFieldIsNamed(String field) throws Exception {
        String json = EXAMPLE.replaceFirst("\"" + field + "\":(\"[^\"]*\"),?", "");
        assertThat(json).doesNotContain("\"" + field + "\"");

        assertThatThrownBy(() -> decoder.decode(bytes(json)))
                .isInstanceOf(DecodeException.class)
                .hasMessage("query log " + field + " is missing");
    }

    @Test
    void rejectsValuesOutsideTheFormat() {
        assertThatThrownBy(() -> decoder.decode(bytes(EXAMPLE.replace("SUCCEEDED", "OK"))))
                .isInstanceOf(DecodeException.class)
                .hasMessage("query log status is OK, expected SUCCEEDED or FAILED");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        bytes(EXAMPLE.replace("2026-01-05T09:00:03Z", "09:00:03"))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("endTime is not an ISO-8601 instant");
        assertThatThrownBy(() -> decoder.decode(bytes(EXAMPLE.replace("1200", "-1"))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("rows is not a non-negative integer");
        assertThatThrownBy(
                        () ->
                                decoder.decode(
                                        bytes(
                                                EXAMPLE.replace(
                                                        "[\"analytics.orders\"]",
                                                        "\"analytics.orders\""))))
                .isInstanceOf(DecodeException.class)
                .hasMessage("query log tablesRead is not an array");
        assertThatThrownBy(() -> decoder.decode(bytes("{\"engine\":")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("query log record is not valid JSON");
        assertThatThrownBy(() -> decoder.decode(bytes("[1,2]")))
                .isInstanceOf(DecodeException.class)
                .hasMessage("query log record is not a JSON object");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
