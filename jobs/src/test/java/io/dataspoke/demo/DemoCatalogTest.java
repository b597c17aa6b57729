package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.demo.GroundTruth.Dataset;
import io.dataspoke.demo.GroundTruth.GapType;
import io.dataspoke.demo.GroundTruth.Layer;
import io.dataspoke.demo.GroundTruth.Lifecycle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private final GroundTruth truth = DemoFixtures.defaultHistory().groundTruth();

    @Test
    void hasAtLeastSixTeamsEachOwningADomainWithOwnersAndAGroup() {
        assertThat(truth.teams()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(truth.teams())
                .allSatisfy(
                        team -> {
                            assertThat(team.domain()).startsWith("urn:li:domain:");
                            assertThat(team.group()).startsWith("urn:li:corpGroup:");
                            assertThat(team.owners())
                                    .isNotEmpty()
                                    .allMatch(o -> o.startsWith("urn:li:corpuser:"));
                        });
        assertThat(truth.teams().stream().map(GroundTruth.Team::domain).distinct())
                .hasSameSizeAs(truth.teams());
        assertThat(truth.datasets().stream().map(Dataset::team).collect(Collectors.toSet()))
                .hasSameSizeAs(truth.teams());
    }

    @Test
    void hasTheRequestedNumberOfUniqueDatasetsOnAllFivePlatforms() {
        assertThat(truth.datasets()).hasSize(300);
        assertThat(truth.datasets().stream().map(Dataset::urn).distinct()).hasSize(300);
        assertThat(truth.datasets().stream().map(Dataset::platform).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("kafka", "hive", "snowflake", "postgres", "s3");
        assertThat(truth.datasets())
                .allSatisfy(
                        d ->
                                assertThat(d.urn())
                                        .isEqualTo(
                                                "urn:li:dataset:(urn:li:dataPlatform:"
                                                        + d.platform()
                                                        + ","
                                                        + d.name()
                                                        + ",PROD)"));
    }

    @Test
    void lineageIsAnAcyclicDagThreeToSixLayersDeep() {
        Map<String, List<String>> down = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        truth.datasets().forEach(d -> indegree.put(d.urn(), 0));
        for (GroundTruth.LineageEdge e : truth.lineage()) {
            down.computeIfAbsent(e.upstream(), k -> new java.util.ArrayList<>())
                    .add(e.downstream());
            indegree.merge(e.downstream(), 1, Integer::sum);
        }
        // Kahn's algorithm: every node is visited only if there is no cycle.
        Deque<String> ready = new ArrayDeque<>();
        Map<String, Integer> longest = new HashMap<>();
        indegree.forEach(
                (urn, n) -> {
                    if (n == 0) {
                        ready.add(urn);
                        longest.put(urn, 1);
                    }
                });
        int visited = 0;
        while (!ready.isEmpty()) {
            String urn = ready.pop();
            visited++;
            for (String next : down.getOrDefault(urn, List.of())) {
                longest.merge(next, longest.get(urn) + 1, Math::max);
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        assertThat(visited)
                .as("datasets in a topological order")
                .isEqualTo(truth.datasets().size());
        int layers = longest.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(layers).isBetween(3, 6);
        assertThat(truth.datasets())
                .allSatisfy(d -> assertThat(d.depth() + 1).isEqualTo(longest.get(d.urn())));
        assertThat(truth.datasets())
                .filteredOn(d -> d.layer() == Layer.SOURCE)
                .allSatisfy(d -> assertThat(d.upstreams()).isEmpty());
        assertThat(truth.datasets())
                .filteredOn(d -> d.layer() != Layer.SOURCE)
                .allSatisfy(d -> assertThat(d.upstreams()).isNotEmpty());
    }

    @Test
    void schemasHavePiiColumnsIncludingKoreanNames() {
        Set<String> pii =
                truth.datasets().stream()
                        .flatMap(d -> d.piiColumns().stream())
                        .collect(Collectors.toSet());
        assertThat(pii)
                .contains(
                        "email",
                        "phone",
                        "ssn",
                        "birth_date",
                        "address",
                        "ip_address",
                        "card_number");
        assertThat(pii).contains("주민번호", "전화번호");
        assertThat(truth.datasets())
                .filteredOn(d -> d.team().equals("commerce_kr"))
                .anySatisfy(d -> assertThat(d.piiColumns()).contains("주민번호"));
    }

    @Test
    void someNamesAreCrypticWarehouseAbbreviationsWithPlainWordDescriptions() {
        List<Dataset> cryptic =
                truth.datasets().stream()
                        .filter(
                                d ->
                                        d.name()
                                                .matches(
                                                        ".*\\b(fct|dim|agg|rpt|int)_[a-z_]*(dly|wkly|mthly|hrly|scd2|enr|cur|smry|kpi|rgn|jn|ddp|cln)$"))
                        .toList();
        assertThat(cryptic).hasSizeGreaterThanOrEqualTo(10);
        assertThat(cryptic)
                .filteredOn(d -> d.gaps().isEmpty())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.description()).hasSizeGreaterThan(60));
    }

    @Test
    void aboutAThirdOfDatasetsHaveGapsAndEveryGapTypeOccurs() {
        long withGaps = truth.datasets().stream().filter(d -> !d.initialGaps().isEmpty()).count();
        assertThat(withGaps / (double) truth.datasets().size()).isBetween(0.30, 0.40);
        Set<GapType> seen = EnumSet.noneOf(GapType.class);
        truth.datasets().forEach(d -> seen.addAll(d.initialGaps()));
        assertThat(seen).containsExactlyInAnyOrder(GapType.values());
        assertThat(truth.fullyDocumented())
                .containsExactlyInAnyOrderElementsOf(
                        truth.datasets().stream()
                                .filter(
                                        d ->
                                                d.gaps().isEmpty()
                                                        && d.lifecycle() == Lifecycle.ACTIVE)
                                .map(Dataset::urn)
                                .toList());
    }

    @Test
    void atLeastTenControlsThatAreCleanAndAwayFromIncidents() {
        Set<String> incidentUrns = new HashSet<>();
        truth.incidents().forEach(i -> incidentUrns.addAll(i.urns()));
        truth.edits().forEach(e -> incidentUrns.add(e.urn()));

        assertThat(truth.controls()).hasSizeGreaterThanOrEqualTo(10);
        for (String urn : truth.controls()) {
            Dataset d = truth.dataset(urn).orElseThrow();
            assertThat(d.control()).isTrue();
            assertThat(d.initialGaps()).as("gaps of control %s", d.name()).isEmpty();
            assertThat(d.gaps()).isEmpty();
            assertThat(d.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
            assertThat(d.deprecated()).isFalse();
            assertThat(incidentUrns).doesNotContain(urn);
            assertThat(truth.fullyDocumented()).contains(urn);
        }
        assertThat(truth.datasets().stream().filter(Dataset::control).count())
                .isEqualTo(truth.controls().size());
        assertThat(
                        truth.controls().stream()
                                .map(u -> truth.dataset(u).orElseThrow().cadence())
                                .distinct())
                .containsExactlyInAnyOrder(GroundTruth.Cadence.HOURLY, GroundTruth.Cadence.DAILY);
    }

    @Test
    void aboutThirtyPercentOfDatasetsLoadHourlyAndAllKafkaTopicsDo() {
        long hourly =
                truth.datasets().stream()
                        .filter(d -> d.cadence() == GroundTruth.Cadence.HOURLY)
                        .count();
        assertThat(hourly / (double) truth.datasets().size()).isBetween(0.27, 0.31);
        assertThat(truth.datasets())
                .filteredOn(d -> d.platform().equals("kafka"))
                .allSatisfy(d -> assertThat(d.cadence()).isEqualTo(GroundTruth.Cadence.HOURLY));
    }

    @Test
    void theSmallestCatalogStillCarriesTheWholeScenario() {
        GroundTruth small =
                DemoGenerator.generate(
                                new DemoConfig(3L, 60, 14, Instant.parse("2026-01-07T00:00:00Z")))
                        .groundTruth();

        assertThat(small.datasets()).hasSize(60);
        assertThat(small.incidents())
                .extracting(GroundTruth.Incident::type)
                .containsExactlyInAnyOrder(GroundTruth.IncidentType.values());
        assertThat(small.controls()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(small.incident(GroundTruth.IncidentType.SCHEMA_CHANGE).urns()).hasSize(4);
        Set<String> used = new HashSet<>();
        for (GroundTruth.Incident incident : small.incidents()) {
            for (String urn : incident.urns()) {
                assertThat(used.add(urn)).as("%s used by one incident only", urn).isTrue();
            }
        }
    }
}
