package io.dataspoke.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.demo.DemoConfig;
import io.dataspoke.demo.DemoContracts;
import io.dataspoke.demo.DemoGenerator;
import io.dataspoke.demo.DemoHistory;
import io.dataspoke.demo.DemoRecord;
import io.dataspoke.demo.GroundTruth;
import io.dataspoke.demo.GroundTruth.IncidentType;
import io.dataspoke.event.RawRecord;
import io.dataspoke.event.Topics;
import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.DatasetStatus;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.anomaly.AnomalyRecord;
import io.dataspoke.quality.contract.Contracts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality monitor over the whole default demo history (four weeks, 300 datasets) with the
 * contracts the demo's teams would write: every injected contract and CEP incident of the ground
 * truth is found, the schema change with its three broken downstream datasets as one incident, and
 * no control dataset is ever in an incident or out of PASS.
 *
 * <p>The history is fed in event-time order from this JVM (a sequence source mapped onto the
 * generated records, partitioned by key as Kafka would) rather than through Kafka: the job's logic
 * is under test here; the Kafka path is the demo's ({@code DemoRunnerITCase}).
 */
class QualityJobITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static DemoHistory history;
    private static GroundTruth truth;
    private static final Map<String, Incident> incidents = new LinkedHashMap<>();
    private static final Map<String, List<DatasetStatus>> statuses = new HashMap<>();
    private static final List<AnomalyRecord> anomalies = new ArrayList<>();

    @BeforeAll
    static void runJob(@TempDir Path dir) throws Exception {
        history = DemoGenerator.generate(DemoConfig.defaults());
        truth = history.groundTruth();
        Records.all = history.records();
        Path contracts = dir.resolve("contracts");
        DemoContracts.write(truth, contracts);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobSettings.apply(env, Duration.ofSeconds(30), 2);
        DataStream<RawRecord> records =
                env.fromSequence(0, Records.all.size() - 1)
                        .setParallelism(1)
                        .map(new Records())
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RawRecord>forMonotonousTimestamps()
                                        .withTimestampAssigner((r, previous) -> r.timestamp()))
                        .setParallelism(1)
                        // As Kafka partitions by key: one key's records (an entity's changes, a
                        // job's runs) reach the decoder in order, different keys in any order.
                        .partitionCustom(
                                (key, partitions) -> Math.floorMod(key, partitions),
                                r -> java.util.Arrays.hashCode(r.key()));
        QualityJob.Outputs outputs =
                QualityJob.build(
                        records,
                        new RecordDecoder(Topics.DEFAULTS, SchemaResolver.bundledOnly()),
                        QualityJob.Settings.defaults(Contracts.load(contracts)));
        CloseableIterator<Incident> incidentIt = outputs.incidents().collectAsync();
        CloseableIterator<DatasetStatus> statusIt = outputs.statuses().collectAsync();
        CloseableIterator<AnomalyRecord> anomalyIt = outputs.anomalies().collectAsync();
        env.execute("quality-monitor over the demo history");
        incidentIt.forEachRemaining(i -> incidents.merge(i.id(), i, QualityJobITCase::later));
        statusIt.forEachRemaining(
                s -> statuses.computeIfAbsent(s.datasetUrn(), u -> new ArrayList<>()).add(s));
        anomalyIt.forEachRemaining(anomalies::add);
    }

    @Test
    void schemaChangeIsOneIncidentNamingTheColumnAndTheBlastRadiusByHop() {
        GroundTruth.Incident change = truth.incident(IncidentType.SCHEMA_CHANGE);
        String source = change.urns().get(0);
        List<Incident> rooted = rootedAt(source);
        assertThat(rooted).hasSize(1);
        Incident incident = rooted.get(0);
        assertThat(incident.cause()).isEqualTo("schema-change");
        assertThat(incident.column()).isEqualTo(change.column());
        assertThat(incident.title()).contains(change.column());
        Map<String, Integer> hops = new HashMap<>();
        for (AffectedDataset a : incident.affected()) {
            hops.put(a.urn(), a.hops());
        }
        for (int hop = 1; hop < change.urns().size(); hop++) {
            assertThat(hops).containsEntry(change.urns().get(hop), hop);
            // The downstream failures joined the root cause instead of opening their own.
            assertThat(rootedAt(change.urns().get(hop))).isEmpty();
        }
        assertThat(incident.openedMillis()).isEqualTo(change.start().toEpochMilli());
        // Routed by the root dataset's DataHub domain.
        assertThat(incident.domain()).isEqualTo(truth.dataset(source).orElseThrow().domain());
        assertThat(incident.open()).isFalse();
        assertThat(incident.resolvedMillis()).isGreaterThanOrEqualTo(change.end().toEpochMilli());
    }

    @Test
    void lateLoadRaisesAFreshnessIncidentFromTheTimerAlone() {
        GroundTruth.Incident late = truth.incident(IncidentType.LATE_LOAD);
        List<Incident> rooted = rootedAt(late.urns().get(0));
        assertThat(rooted).hasSize(1);
        Incident incident = rooted.get(0);
        // Raised by the timer: before the late load arrived, with no event in between.
        assertThat(incident.openedMillis())
                .isBetween(late.start().toEpochMilli(), late.end().toEpochMilli() - 1);
        assertThat(incident.title()).contains("freshness");
        // Resolved by the late load, whichever of its reports (run, operation, query log, seconds
        // apart on different partitions) was read first.
        assertThat(incident.resolvedMillis())
                .isBetween(late.end().toEpochMilli(), late.end().toEpochMilli() + 120_000);
    }

    @Test
    void consecutiveFailedRunsAreOnePipelineIncident() {
        GroundTruth.Incident failures = truth.incident(IncidentType.PIPELINE_FAILURES);
        List<Incident> rooted = rootedAt(failures.urns().get(0));
        assertThat(rooted).hasSize(1);
        assertThat(rooted.get(0).cause()).isEqualTo("pipeline-failures");
        assertThat(rooted.get(0).open()).isFalse();
    }

    @Test
    void nullSpikeFailsTheCompletenessSlo() {
        GroundTruth.Incident spike = truth.incident(IncidentType.NULL_SPIKE);
        List<Incident> rooted = rootedAt(spike.urns().get(0));
        assertThat(rooted).hasSize(1);
        assertThat(rooted.get(0).openedMillis())
                .isBetween(spike.start().toEpochMilli(), spike.end().toEpochMilli());
        assertThat(rooted.get(0).open()).isFalse();
    }

    @Test
    void mondayMorningVolumeDropIsAnAnomalyIncident() {
        GroundTruth.Incident drop = truth.incident(IncidentType.VOLUME_DROP);
        String urn = drop.urns().get(0);
        List<AnomalyRecord> raised = raised(urn, MetricSample.ROWS_WRITTEN);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).observedMillis())
                .isBetween(drop.start().toEpochMilli(), drop.end().toEpochMilli());
        // About 20% below what that Monday hour should have been.
        assertThat(raised.get(0).value() / raised.get(0).expected()).isBetween(0.7, 0.9);
        List<Incident> rooted = rootedAt(urn);
        assertThat(rooted).hasSize(1);
        assertThat(rooted.get(0).cause()).isEqualTo("anomaly");
        assertThat(rooted.get(0).open()).isFalse();
        assertThat(rooted.get(0).resolvedMillis())
                .isGreaterThanOrEqualTo(drop.end().toEpochMilli());
    }

    @Test
    void nullSpikeIsAlsoAnAnomalyOfItsColumn() {
        GroundTruth.Incident spike = truth.incident(IncidentType.NULL_SPIKE);
        List<AnomalyRecord> raised =
                raised(spike.urns().get(0), MetricSample.nullRatio(spike.column()));
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).observedMillis())
                .isBetween(spike.start().toEpochMilli(), spike.end().toEpochMilli());
        assertThat(raised.get(0).value()).isGreaterThan(0.3);
    }

    @Test
    void anomaliesAreRaisedOnlyOnDatasetsWithAnInjectedIncident() {
        // 300 datasets through four weeks of weekly seasonality, trends and noise: no control
        // dataset, nor any other, raises an alarm the ground truth does not explain.
        Set<String> injected = new HashSet<>();
        truth.incidents().forEach(i -> injected.addAll(i.urns()));
        assertThat(anomalies).isNotEmpty();
        for (AnomalyRecord a : anomalies) {
            assertThat(injected).as(a.toString()).contains(a.datasetUrn());
        }
    }

    private static List<AnomalyRecord> raised(String urn, String metric) {
        return anomalies.stream()
                .filter(a -> a.datasetUrn().equals(urn) && a.metric().equals(metric))
                .filter(a -> a.state().equals("RAISED"))
                .toList();
    }

    @Test
    void controlsNeverJoinAnIncidentNorLeavePass() {
        Set<String> controls = new HashSet<>(truth.controls());
        for (Incident incident : incidents.values()) {
            for (AffectedDataset a : incident.affected()) {
                assertThat(controls).as(incident.title()).doesNotContain(a.urn());
            }
        }
        for (String control : controls) {
            assertThat(statuses.getOrDefault(control, List.of())).isEmpty();
        }
    }

    @Test
    void everyIncidentIsExplainedByTheGroundTruth() {
        Set<String> explained = new HashSet<>();
        for (GroundTruth.Incident injected : truth.incidents()) {
            explained.addAll(injected.urns());
        }
        for (Incident incident : incidents.values()) {
            assertThat(explained).as(incident.title()).contains(incident.rootUrn());
        }
    }

    @Test
    void blockedDatasetsPublishedTheirStatusWithTheReason() {
        GroundTruth.Incident change = truth.incident(IncidentType.SCHEMA_CHANGE);
        List<DatasetStatus> source = statuses.get(change.urns().get(0));
        assertThat(source).isNotEmpty();
        assertThat(source.get(0).status()).isEqualTo(CircuitStatus.BLOCK);
        assertThat(String.join(" ", source.get(0).reasons())).contains(change.column());
        assertThat(source.get(source.size() - 1).status()).isEqualTo(CircuitStatus.PASS);
    }

    private static List<Incident> rootedAt(String urn) {
        return incidents.values().stream().filter(i -> i.rootUrn().equals(urn)).toList();
    }

    private static Incident later(Incident a, Incident b) {
        return a.revision() >= b.revision() ? a : b;
    }

    /** The generated records by index, for the sequence source (same JVM as the MiniCluster). */
    static final class Records implements MapFunction<Long, RawRecord> {
        static volatile List<DemoRecord> all;

        @Override
        public RawRecord map(Long index) {
            DemoRecord r = all.get(index.intValue());
            return new RawRecord(r.topic(), 0, index, r.timestampMillis(), r.key(), r.value());
        }
    }
}
