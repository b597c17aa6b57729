package io.dataspoke.sinks.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.datahub.util.RecordUtils;
import com.linkedin.assertion.AssertionInfo;
import com.linkedin.assertion.AssertionResultType;
import com.linkedin.assertion.AssertionRunEvent;
import com.linkedin.assertion.AssertionType;
import com.linkedin.common.urn.Urn;
import com.linkedin.data.template.RecordTemplate;
import com.linkedin.events.metadata.ChangeType;
import com.linkedin.incident.IncidentInfo;
import com.linkedin.incident.IncidentState;
import com.linkedin.mxe.MetadataChangeProposal;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.CheckResult;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import io.dataspoke.sinks.datahub.SimulatedGms.Received;
import io.dataspoke.sinks.datahub.SimulatedGms.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data-quality results written back through {@link DataHubSink} in a real Flink job on a
 * MiniCluster, with bounded input: a check's {@code assertionInfo}, two {@code assertionRunEvent}s
 * (timeseries) and an {@code incidentInfo} raised and then resolved.
 *
 * <p>{@link SimulatedGms} is not a real GMS: it is an in-process HTTP server that speaks GMS's wire
 * protocol ({@code POST /aspects?action=ingestProposal} with the client's {@code {"proposal": …}}
 * body, bearer token, Rest.li answers), decodes every proposal back into DataHub's own aspect
 * classes and refuses aspects that the entity type does not have. What a real GMS then does with
 * the aspects (search indexing, the incidents summary on the datasets, the UI) is not tested here.
 */
class QualityAspectsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.cXVhbGl0eS1pdGNhc2U.sig";
    private static final String ORDERS = QualityAspectsTest.ORDERS;
    private static final String DAILY = QualityAspectsTest.DAILY;
    private static final long T0 = QualityAspectsTest.OPENED;

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
    void writesAssertionsRunsAndAnIncidentRaisedThenResolved() throws Exception {
        CheckResult failed = check(T0, Outcome.FAIL, 3.5, "3.5% of email missing, limit 1%");
        CheckResult passed = check(T0 + 600_000, Outcome.PASS, 0.4, "0.4% of email missing");
        Incident raised = incident(false);
        Incident resolved = incident(true);
        // GMS hiccups once on the way: the write is retried, nothing is stored twice.
        gms.then(Reply.status(503, "Service Unavailable"));

        StreamExecutionEnvironment env = environment();
        env.fromData(
                        DataHubWrite.class,
                        QualityAspects.assertionInfo(failed),
                        QualityAspects.assertionRunEvent(failed),
                        QualityAspects.incidentInfo(raised),
                        QualityAspects.assertionInfo(passed),
                        QualityAspects.assertionRunEvent(passed),
                        QualityAspects.incidentInfo(resolved))
                .keyBy(DataHubWrite::entityUrn)
                .sinkTo(sink())
                .name("DataHub write-back")
                .uid("datahub-write-back");
        env.execute("datahub-quality-write-back");

        String assertion = QualityAspects.assertionUrn(ORDERS, "missing_percent(email)");
        String incident = QualityAspects.incidentUrn("inc-7c1d");
        List<Received> received = gms.received();
        assertThat(received).as("six writes, one of them sent twice").hasSize(7);
        assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + TOKEN);
        assertThat(received)
                .allSatisfy(
                        r -> assertThat(r.proposal().getChangeType()).isEqualTo(ChangeType.UPSERT));

        // The definition: a CUSTOM assertion on the dataset's email column.
        assertThat(proposals(received, "assertionInfo"))
                .allSatisfy(p -> assertTarget(p, "assertion", assertion));
        AssertionInfo info = gms.aspect(assertion, "assertionInfo", AssertionInfo.class);
        assertThat(info.getType()).isEqualTo(AssertionType.CUSTOM);
        assertThat(info.getCustomAssertion().getEntity().toString()).isEqualTo(ORDERS);
        assertThat(info.getCustomAssertion().getField().toString())
                .isEqualTo("urn:li:schemaField:(" + ORDERS + ",email)");
        assertThat(info.getDescription()).isEqualTo("missing_percent(email) < 1%");

        // The runs: a timeseries on the assertion, each evaluation one event, in order.
        assertThat(proposals(received, "assertionRunEvent"))
                .allSatisfy(p -> assertTarget(p, "assertion", assertion));
        List<AssertionRunEvent> runs =
                gms.timeseries(assertion, "assertionRunEvent", AssertionRunEvent.class);
        assertThat(runs)
                .extracting(AssertionRunEvent::getTimestampMillis)
                .containsExactly(T0, T0 + 600_000);
        assertThat(runs)
                .extracting(run -> run.getResult().getType())
                .containsExactly(AssertionResultType.FAILURE, AssertionResultType.SUCCESS);
        assertThat(runs)
                .extracting(run -> run.getResult().getActualAggValue())
                .containsExactly(3.5f, 0.4f);
        assertThat(runs).extracting(run -> run.getAsserteeUrn().toString()).containsOnly(ORDERS);
        assertThat(gms.aspect(assertion, "assertionRunEvent", AssertionRunEvent.class))
                .as("a timeseries aspect is not kept as a latest value")
                .isNull();

        // The incident: raised ACTIVE, then the same incident RESOLVED.
        List<MetadataChangeProposal> incidentWrites = proposals(received, "incidentInfo");
        assertThat(incidentWrites).allSatisfy(p -> assertTarget(p, "incident", incident));
        assertThat(incidentWrites)
                .extracting(p -> decode(p, IncidentInfo.class).getStatus().getState())
                .as("in input order, a retry included")
                .containsSubsequence(IncidentState.ACTIVE, IncidentState.RESOLVED)
                .endsWith(IncidentState.RESOLVED);
        IncidentInfo stored = gms.aspect(incident, "incidentInfo", IncidentInfo.class);
        assertThat(stored.getStatus().getState()).isEqualTo(IncidentState.RESOLVED);
        assertThat(stored.getStatus().getLastUpdated().getTime()).isEqualTo(T0 + 900_000);
        assertThat(stored.getEntities()).extracting(Urn::toString).containsExactly(ORDERS, DAILY);
        assertThat(stored.getPriority()).isEqualTo(0);
        assertThat(stored.getTitle()).isEqualTo("email missing in sales.orders");
        assertThat(stored.getCreated().getTime()).isEqualTo(T0);
    }

    private DataHubSink sink() {
        return DataHubSink.builder()
                .setOptions(new DataHubSinkOptions(gms.url(), TOKEN))
                .setInitialBackoff(Duration.ofMillis(10))
                .setMaxBackoff(Duration.ofMillis(50))
                .setMaxBatchSize(2)
                .setMaxBufferedRequests(10)
                .setMaxTimeInBuffer(Duration.ofMillis(50))
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

    private static CheckResult check(long at, Outcome outcome, double observed, String message) {
        return new CheckResult(
                ORDERS,
                "missing_percent(email)",
                "missing_percent(email) < 1%",
                "missing_percent",
                "contracts/sales.yaml",
                at,
                outcome,
                observed,
                "PROFILE",
                message);
    }

    /** Incident revision 1 (raised) or 2 (resolved): a failing check on ORDERS, felt in DAILY. */
    private static Incident incident(boolean resolved) {
        return new Incident(
                "inc-7c1d",
                ORDERS,
                "email missing in sales.orders",
                "check",
                resolved
                        ? io.dataspoke.quality.IncidentState.RESOLVED
                        : io.dataspoke.quality.IncidentState.OPEN,
                Severity.CRITICAL,
                T0,
                resolved ? T0 + 900_000 : T0,
                resolved ? T0 + 900_000 : null,
                "email",
                new AffectedDataset[] {
                    new AffectedDataset(ORDERS, 0, "3.5% of email missing", T0, resolved),
                    new AffectedDataset(DAILY, 1, "reads sales.orders", T0, resolved)
                },
                resolved ? 2 : 1,
                "sales-data",
                "sales");
    }

    private static List<MetadataChangeProposal> proposals(
            List<Received> received, String aspectName) {
        List<MetadataChangeProposal> proposals =
                received.stream()
                        .map(Received::proposal)
                        .filter(p -> aspectName.equals(p.getAspectName()))
                        .toList();
        assertThat(proposals).as("proposals of " + aspectName).isNotEmpty();
        return proposals;
    }

    private static void assertTarget(MetadataChangeProposal proposal, String type, String urn) {
        assertThat(proposal.getEntityType()).isEqualTo(type);
        assertThat(proposal.getEntityUrn().toString()).isEqualTo(urn);
    }

    private static <T extends RecordTemplate> T decode(
            MetadataChangeProposal proposal, Class<T> type) {
        return RecordUtils.toRecordTemplate(
                type, proposal.getAspect().getValue().asString(StandardCharsets.UTF_8));
    }
}
