package io.dataspoke.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.decode.Decoded;
import io.dataspoke.decode.RecordDecoder;
import io.dataspoke.decode.SchemaResolver;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.event.RawRecord;
import io.dataspoke.health.DatasetDocs;
import io.dataspoke.health.DocumentationAuditor;
import io.dataspoke.health.HealthReport;
import io.dataspoke.health.HealthRulesConfig;
import io.dataspoke.ingest.EntityAspects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documentation auditor, with its default rules, against the demo's ground truth: the default
 * history's versioned change logs are decoded as the job decodes them and folded into each
 * dataset's final aspects; every gap the generator planted must be reported under its rule, and
 * nothing else, so a fully documented dataset scores 100.
 */
class DemoHealthAuditTest {

    private static final Map<String, HealthReport> REPORTS = new HashMap<>();
    private static GroundTruth truth;

    @BeforeAll
    static void auditTheDemoCatalog() throws Exception {
        DemoHistory history = DemoFixtures.defaultHistory();
        truth = history.groundTruth();
        RecordDecoder decoder =
                new RecordDecoder(DemoFixtures.TOPICS, SchemaResolver.bundledOnly());
        Map<String, Map<String, String>> aspects = new HashMap<>();
        Map<String, Long> lastChange = new HashMap<>();
        long offset = 0;
        for (DemoRecord r : history.records()) {
            if (!r.topic().equals(DemoFixtures.TOPICS.versioned())) {
                continue;
            }
            Decoded decoded =
                    decoder.decode(
                            new RawRecord(
                                    r.topic(),
                                    0,
                                    offset++,
                                    r.timestampMillis(),
                                    r.key(),
                                    r.value()));
            if (!(decoded instanceof Decoded.Change change)) {
                continue;
            }
            MetadataChange c = change.event();
            if (c.isDelete() && EntityAspects.isKeyAspect(c.entityType(), c.aspectName())) {
                aspects.remove(c.entityUrn());
                continue;
            }
            Map<String, String> state =
                    aspects.computeIfAbsent(c.entityUrn(), u -> new HashMap<>());
            if (c.isDelete()) {
                state.remove(c.aspectName());
            } else {
                state.put(c.aspectName(), c.aspectJson());
            }
            lastChange.merge(c.entityUrn(), c.eventMillis(), Math::max);
        }
        DocumentationAuditor auditor = new DocumentationAuditor(HealthRulesConfig.defaults());
        for (var e : aspects.entrySet()) {
            REPORTS.put(
                    e.getKey(),
                    auditor.audit(
                            DatasetDocs.of(e.getKey(), EntityAspects.toJsonObject(e.getValue())),
                            lastChange.get(e.getKey())));
        }
    }

    @Test
    void everyLiveDatasetIsAuditedAndTheHardDeletedOneIsGone() {
        for (GroundTruth.Dataset d : truth.datasets()) {
            if (d.lifecycle() == GroundTruth.Lifecycle.HARD_DELETED) {
                assertThat(REPORTS).doesNotContainKey(d.urn());
            } else {
                assertThat(REPORTS).containsKey(d.urn());
                assertThat(REPORTS.get(d.urn()).removed())
                        .as(d.urn())
                        .isEqualTo(d.lifecycle() == GroundTruth.Lifecycle.SOFT_DELETED);
            }
        }
    }

    @Test
    void everyPlantedGapIsReportedAndNothingElse() {
        List<String> wrong =
                truth.datasets().stream()
                        .filter(d -> d.lifecycle() != GroundTruth.Lifecycle.HARD_DELETED)
                        .filter(d -> !expected(d).equals(reported(d.urn())))
                        .map(
                                d ->
                                        d.name()
                                                + " expected "
                                                + expected(d)
                                                + " reported "
                                                + reported(d.urn())
                                                + " "
                                                + List.of(REPORTS.get(d.urn()).violations()))
                        .toList();
        assertThat(wrong).isEmpty();
    }

    @Test
    void fullyDocumentedDatasetsScoreAHundredAndGappedOnesLess() {
        long gapped = 0;
        for (GroundTruth.Dataset d : truth.datasets()) {
            if (d.lifecycle() == GroundTruth.Lifecycle.HARD_DELETED) {
                continue;
            }
            int score = REPORTS.get(d.urn()).score();
            if (d.gaps().isEmpty()) {
                assertThat(score).as(d.name()).isEqualTo(100);
            } else {
                gapped++;
                assertThat(score).as(d.name()).isLessThan(100);
            }
        }
        assertThat(gapped).isGreaterThanOrEqualTo(60);
        assertThat(truth.controls())
                .allSatisfy(urn -> assertThat(REPORTS.get(urn).score()).isEqualTo(100));
    }

    private static Set<String> expected(GroundTruth.Dataset d) {
        return d.gaps().stream()
                .map(GroundTruth.GapType::rule)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> reported(String urn) {
        return new TreeSet<>(List.of(REPORTS.get(urn).ruleIds()));
    }
}
