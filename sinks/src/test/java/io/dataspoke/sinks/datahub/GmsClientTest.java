package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linkedin.events.metadata.ChangeType;
import com.linkedin.structured.StructuredProperties;
import com.linkedin.structured.StructuredPropertyDefinition;
import io.dataspoke.sinks.datahub.SimulatedGms.Received;
import io.dataspoke.sinks.datahub.SimulatedGms.Reply;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink's GMS client over real HTTP. GMS is simulated by an in-process server speaking its REST
 * protocol ({@link SimulatedGms}: {@code POST /aspects?action=ingestProposal} with the client's
 * {@code {"proposal": ...}} body, answered like GMS), which decodes every proposal back into
 * DataHub's aspect classes; the assertions read those decoded aspects.
 */
class GmsClientTest {

    static final String DATASET = "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWdtcy10b2tlbg.signature";

    /** Backoff in milliseconds, so retries cost the tests almost nothing. */
    static final RetryPolicy FAST =
            new RetryPolicy(
                    4,
                    Duration.ofMillis(20),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5));

    private SimulatedGms gms;
    private GmsClient client;

    @BeforeEach
    void startGms() throws Exception {
        gms = SimulatedGms.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        gms.close();
    }

    @Test
    void writesDefinitionsAndHealthThatGmsDecodesIntoDataHubAspects() throws Exception {
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);

        for (DataHubWrite definition : DocumentationHealthAspects.definitions()) {
            await(client.send(definition));
        }
        await(client.send(DocumentationHealthAspects.health(DATASET, 87, "GOOD")));

        StructuredPropertyDefinition score =
                gms.aspect(
                        DocumentationHealthAspects.SCORE_URN,
                        "propertyDefinition",
                        StructuredPropertyDefinition.class);
        assertThat(score.getValueType().toString()).isEqualTo("urn:li:dataType:datahub.number");
        StructuredProperties health =
                gms.aspect(DATASET, "structuredProperties", StructuredProperties.class);
        assertThat(DocumentationHealthAspectsTest.values(health))
                .containsOnly(
                        Map.entry(DocumentationHealthAspects.SCORE_URN, "87.0"),
                        Map.entry(DocumentationHealthAspects.LEVEL_URN, "GOOD"));
        assertThat(gms.received())
                .extracting(received -> received.proposal().getChangeType())
                .containsExactly(ChangeType.UPSERT, ChangeType.UPSERT, ChangeType.PATCH);
        assertThat(gms.received()).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void throttledWithRetryAfterWaitsAsAskedThenSucceeds() throws Exception {
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);
        gms.then(Reply.throttled("1"));

        await(client.send(DocumentationHealthAspects.definitions().get(0)));

        List<Received> received = gms.received();
        assertThat(received).hasSize(2);
        // The backoff alone would have waited 20 ms.
        assertThat(Duration.ofNanos(received.get(1).atNanos() - received.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(definitionOfScore()).isNotNull();
    }

    @Test
    void serviceUnavailableIsRetried() throws Exception {
        org.apache.flink.metrics.SimpleCounter retries =
                new org.apache.flink.metrics.SimpleCounter();
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST, retries);
        gms.then(Reply.status(503, "Service Unavailable"));

        await(client.send(DocumentationHealthAspects.definitions().get(0)));

        assertThat(gms.received()).hasSize(2);
        assertThat(retries.getCount()).as("the datahubRetries metric").isEqualTo(1);
        assertThat(definitionOfScore()).isNotNull();
    }

    @Test
    void aResponseTimeoutIsRetried() throws Exception {
        RetryPolicy shortTimeout =
                new RetryPolicy(
                        3,
                        Duration.ofMillis(20),
                        Duration.ofMillis(20),
                        Duration.ZERO,
                        Duration.ofMillis(300));
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), shortTimeout);
        gms.then(Reply.hang());

        await(client.send(DocumentationHealthAspects.definitions().get(0)));

        assertThat(gms.received()).hasSize(2);
        assertThat(definitionOfScore()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void aRejectionFailsAtOnceNamingStatusUrnAspectAndWhatGmsSaid(int status) {
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);
        gms.then(Reply.status(status, "Failed to validate the aspect (simulated)"));

        DataHubWriteException error =
                failure(client.send(DocumentationHealthAspects.health(DATASET, 10, "POOR")));

        assertThat(error.status()).hasValue(status);
        assertThat(error.attempts()).isEqualTo(1);
        assertThat(error.entityUrn()).isEqualTo(DATASET);
        assertThat(error.aspectName()).isEqualTo("structuredProperties");
        assertThat(error.getMessage())
                .contains("HTTP " + status)
                .contains(DATASET)
                .contains("structuredProperties")
                .contains("Failed to validate the aspect (simulated)")
                .doesNotContain("stackTrace");
        assertThat(gms.received()).hasSize(1);
    }

    @Test
    void aValidationErrorOfGmsFailsWithItsMessage() {
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);

        // No definitions yet: GMS refuses values of a structured property it does not know.
        DataHubWriteException error =
                failure(client.send(DocumentationHealthAspects.health(DATASET, 10, "POOR")));

        assertThat(error.getMessage())
                .contains("HTTP 422")
                .contains(DATASET)
                .contains(
                        "Unexpected null value found for " + DocumentationHealthAspects.SCORE_URN);
    }

    @Test
    void failsWhenRetriesAreExhausted() {
        client = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);
        for (int i = 0; i < FAST.maxAttempts(); i++) {
            gms.then(Reply.status(503, "GMS is restarting"));
        }

        DataHubWriteException error =
                failure(client.send(DocumentationHealthAspects.definitions().get(0)));

        assertThat(error.status()).hasValue(503);
        assertThat(error.attempts()).isEqualTo(4);
        assertThat(error.getMessage())
                .contains("after 4 attempts")
                .contains("HTTP 503")
                .contains("GMS is restarting")
                .contains(DocumentationHealthAspects.SCORE_URN);
        assertThat(gms.received()).hasSize(4);
        assertThat(definitionOfScore()).isNull();
    }

    @Test
    void anUnreachableGmsIsRetriedThenFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client =
                new GmsClient(
                        DataHubSinkOptions.withoutToken("http://127.0.0.1:" + closedPort), FAST);

        DataHubWriteException error =
                failure(client.send(DocumentationHealthAspects.definitions().get(0)));

        assertThat(error.attempts()).isEqualTo(4);
        assertThat(error.status()).isEmpty();
        assertThat(error).hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void sendsTheTokenAsBearerAndNeverLogsIt() throws Exception {
        gms.requireToken(TOKEN);
        gms.then(Reply.status(503, "busy"));
        DataHubSinkOptions options = new DataHubSinkOptions(gms.url(), TOKEN);

        List<String> logs;
        try (LogCapture capture = LogCapture.atLevel(Level.DEBUG)) {
            // Everything at DEBUG but the HTTP client's header and wire dumps (see below).
            GmsClient.TOKEN_PRINTING_LOGGERS.forEach(name -> capture.withLevel(name, Level.INFO));
            client = new GmsClient(options, FAST);
            await(client.send(DocumentationHealthAspects.definitions().get(0)));
            gms.then(Reply.status(403, "Forbidden"));
            failure(client.send(DocumentationHealthAspects.definitions().get(1)));
            logs = capture.events();
        }

        assertThat(gms.received())
                .extracting(Received::authorization)
                .containsOnly("Bearer " + TOKEN);
        assertThat(definitionOfScore()).isNotNull();
        assertThat(logs).as("the retry was logged").anyMatch(line -> line.contains("HTTP 503"));
        assertThat(logs)
                .as("the client's own DEBUG logging was captured")
                .anyMatch(line -> line.startsWith("DEBUG datahub."));
        assertThat(logs).noneMatch(line -> line.contains(TOKEN));
        assertThat(options.toString()).doesNotContain(TOKEN);
    }

    @Test
    void refusesToSendTheTokenWhileHttpHeaderLoggingIsOn() throws Exception {
        gms.requireToken(TOKEN);
        client = new GmsClient(new DataHubSinkOptions(gms.url(), TOKEN), FAST);

        List<String> logs;
        DataHubWriteException error;
        try (LogCapture capture = LogCapture.atLevel(Level.DEBUG)) {
            capture.withLevel("datahub.shaded.org.apache.hc.client5.http.headers", Level.DEBUG);
            error = failure(client.send(DocumentationHealthAspects.definitions().get(0)));
            logs = capture.events();
        }

        assertThat(error.getMessage())
                .contains("Refusing to send")
                .contains("datahub.shaded.org.apache.hc.client5.http.headers is at DEBUG");
        assertThat(gms.received()).isEmpty();
        assertThat(logs).noneMatch(line -> line.contains(TOKEN));

        // Without a token there is nothing to leak.
        try (GmsClient anonymous = new GmsClient(DataHubSinkOptions.withoutToken(gms.url()), FAST);
                LogCapture capture = LogCapture.atLevel(Level.DEBUG)) {
            capture.withLevel("datahub.shaded.org.apache.hc.client5.http.headers", Level.DEBUG);
            gms.requireToken(null);
            await(anonymous.send(DocumentationHealthAspects.definitions().get(0)));
        }
        assertThat(definitionOfScore()).isNotNull();
    }

    @Test
    void aWrongTokenIsFatal() {
        gms.requireToken(TOKEN);
        client = new GmsClient(new DataHubSinkOptions(gms.url(), "expired-token"), FAST);

        DataHubWriteException error =
                failure(client.send(DocumentationHealthAspects.definitions().get(0)));

        assertThat(error.getMessage())
                .contains("HTTP 401")
                .contains("Unauthorized to perform this action.")
                .doesNotContain("expired-token");
        assertThat(gms.received()).hasSize(1);
    }

    private StructuredPropertyDefinition definitionOfScore() {
        return gms.aspect(
                DocumentationHealthAspects.SCORE_URN,
                "propertyDefinition",
                StructuredPropertyDefinition.class);
    }

    private static void await(CompletableFuture<Void> sent) throws Exception {
        sent.get(30, TimeUnit.SECONDS);
    }

    private static DataHubWriteException failure(CompletableFuture<Void> sent) {
        assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(DataHubWriteException.class);
        return (DataHubWriteException) sent.handle((ok, error) -> error).join();
    }
}
