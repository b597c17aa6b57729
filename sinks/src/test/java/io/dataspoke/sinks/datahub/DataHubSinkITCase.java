package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datahub.util.RecordUtils;
import com.linkedin.structured.PrimitivePropertyValue;
import com.linkedin.structured.PrimitivePropertyValueArray;
import com.linkedin.structured.StructuredProperties;
import com.linkedin.structured.StructuredPropertyDefinition;
import com.linkedin.structured.StructuredPropertyValueAssignment;
import com.linkedin.structured.StructuredPropertyValueAssignmentArray;
import io.dataspoke.sinks.datahub.SimulatedGms.Received;
import io.dataspoke.sinks.datahub.SimulatedGms.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DataHub sink in a real Flink job on a MiniCluster, with bounded input. GMS is simulated by an
 * in-process server speaking its REST protocol ({@link SimulatedGms}: {@code POST
 * /aspects?action=ingestProposal}, bearer token checked, proposals decoded back into DataHub's
 * aspect classes, PATCHes applied with GMS's own template, answers shaped like GMS's).
 */
class DataHubSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.aXRjYXNlLXRva2Vu.sig";
    private static final String ORDERS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.orders,PROD)";
    private static final String RETURNS =
            "urn:li:dataset:(urn:li:dataPlatform:hive,sales.returns,PROD)";
    private static final String CUSTOMERS =
            "urn:li:dataset:(urn:li:dataPlatform:snowflake,crm.customers,PROD)";
    private static final String STEWARD = "urn:li:structuredProperty:io.acme.dataSteward";

    private SimulatedGms gms;

    @BeforeEach
    void startGms() throws Exception {
        gms = SimulatedGms.start().requireToken(TOKEN);
    }

    @AfterEach
    void stopGms() {
        gms.close();
    }

    @Test
    void writesDocumentationHealthBackIntoDataHub() throws Exception {
        // Someone else's structured property on ORDERS, which the health write must keep.
        gms.seed(STEWARD, "propertyDefinition", stewardDefinition());
        gms.seed(ORDERS, "structuredProperties", stewardIs("alice"));
        // GMS throttles, then hiccups, on the first two requests.
        gms.then(Reply.throttled("0")).then(Reply.status(503, "Service Unavailable"));

        StreamExecutionEnvironment env = environment();
        env.fromData(
                        DataHubWrite.class,
                        DocumentationHealthAspects.health(ORDERS, 35, "POOR"),
                        DocumentationHealthAspects.health(RETURNS, 80, "GOOD"),
                        DocumentationHealthAspects.health(CUSTOMERS, 60, "FAIR"),
                        DocumentationHealthAspects.health(ORDERS, 90, "GOOD"))
                .sinkTo(sink(true))
                .name("DataHub write-back")
                .uid("datahub-write-back");
        env.execute("datahub-sink-success");

        StructuredPropertyDefinition score =
                gms.aspect(
                        DocumentationHealthAspects.SCORE_URN,
                        "propertyDefinition",
                        StructuredPropertyDefinition.class);
        assertThat(score.getQualifiedName()).isEqualTo(DocumentationHealthAspects.SCORE);
        assertThat(health(ORDERS))
                .containsOnly(
                        Map.entry(STEWARD, "alice"),
                        Map.entry(DocumentationHealthAspects.SCORE_URN, "90.0"),
                        Map.entry(DocumentationHealthAspects.LEVEL_URN, "GOOD"));
        assertThat(health(RETURNS))
                .containsOnly(
                        Map.entry(DocumentationHealthAspects.SCORE_URN, "80.0"),
                        Map.entry(DocumentationHealthAspects.LEVEL_URN, "GOOD"));
        assertThat(health(CUSTOMERS)).containsEntry(DocumentationHealthAspects.LEVEL_URN, "FAIR");

        List<Received> received = gms.received();
        assertThat(received)
                .as("two definitions (one retried twice), then four health writes")
                .hasSize(2 + 2 + 4);
        assertThat(received.subList(0, 4))
                .extracting(r -> r.proposal().getAspectName())
                .containsOnly("propertyDefinition");
        assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void aRejectedWriteFailsTheJobNamingStatusUrnAndGmsMessage() {
        StreamExecutionEnvironment env = environment();
        // No prerequisites: GMS does not know the properties and refuses their values.
        env.fromData(DataHubWrite.class, DocumentationHealthAspects.health(ORDERS, 35, "POOR"))
                .sinkTo(sink(false))
                .name("DataHub write-back");

        assertThatThrownBy(() -> env.execute("datahub-sink-rejected"))
                .satisfies(
                        failure -> {
                            Optional<DataHubWriteException> cause =
                                    ExceptionUtils.findThrowable(
                                            failure, DataHubWriteException.class);
                            assertThat(cause).isPresent();
                            assertThat(cause.get().status()).hasValue(422);
                            assertThat(cause.get().getMessage())
                                    .contains("HTTP 422")
                                    .contains(ORDERS)
                                    .contains("structuredProperties")
                                    .contains(
                                            "Unexpected null value found for "
                                                    + DocumentationHealthAspects.SCORE_URN);
                        });
        assertThat(gms.received()).hasSize(1);
    }

    @Test
    void exhaustedRetriesFailTheJob() {
        for (int i = 0; i < 3; i++) {
            gms.then(Reply.status(503, "GMS is restarting"));
        }
        StreamExecutionEnvironment env = environment();
        env.fromData(DataHubWrite.class, DocumentationHealthAspects.definitions().get(0))
                .sinkTo(
                        DataHubSink.builder()
                                .setOptions(new DataHubSinkOptions(gms.url(), TOKEN))
                                .setMaxAttempts(3)
                                .setInitialBackoff(Duration.ofMillis(10))
                                .setMaxBackoff(Duration.ofMillis(50))
                                .build())
                .name("DataHub write-back");

        assertThatThrownBy(() -> env.execute("datahub-sink-exhausted"))
                .satisfies(
                        failure ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        failure, DataHubWriteException.class))
                                        .hasValueSatisfying(
                                                cause ->
                                                        assertThat(cause.getMessage())
                                                                .contains("after 3 attempts")
                                                                .contains("HTTP 503")
                                                                .contains(
                                                                        DocumentationHealthAspects
                                                                                .SCORE_URN)));
        assertThat(gms.received()).hasSize(3);
    }

    private DataHubSink sink(boolean withDefinitions) {
        return DataHubSink.builder()
                .setOptions(new DataHubSinkOptions(gms.url(), TOKEN))
                .setInitialBackoff(Duration.ofMillis(10))
                .setMaxBackoff(Duration.ofMillis(50))
                .setMaxBatchSize(2)
                .setMaxBufferedRequests(10)
                .setMaxTimeInBuffer(Duration.ofMillis(50))
                .setPrerequisiteWrites(
                        withDefinitions ? DocumentationHealthAspects.definitions() : List.of())
                .build();
    }

    /** Parallelism 1, no restarts, and no Kryo anywhere. */
    private static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        return env;
    }

    private Map<String, String> health(String datasetUrn) {
        return DocumentationHealthAspectsTest.values(
                gms.aspect(datasetUrn, "structuredProperties", StructuredProperties.class));
    }

    private static StructuredPropertyDefinition stewardDefinition() {
        return RecordUtils.toRecordTemplate(
                StructuredPropertyDefinition.class,
                "{\"qualifiedName\":\"io.acme.dataSteward\","
                        + "\"valueType\":\"urn:li:dataType:datahub.string\","
                        + "\"entityTypes\":[\"urn:li:entityType:datahub.dataset\"]}");
    }

    private static StructuredProperties stewardIs(String steward) {
        return new StructuredProperties()
                .setProperties(
                        new StructuredPropertyValueAssignmentArray(
                                new StructuredPropertyValueAssignment()
                                        .setPropertyUrn(DataHubProposals.urn(STEWARD))
                                        .setValues(
                                                new PrimitivePropertyValueArray(
                                                        PrimitivePropertyValue.create(steward)))));
    }
}
