package io.dataspoke.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.Fixtures;
import io.dataspoke.event.MetadataChange;
import io.dataspoke.ingest.EntityAspects;
import io.dataspoke.mce.MceFileReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DataHub's own sample catalog (bootstrap_mce.json) through the default rules. Expected scores
 * follow from the default weights (description 25, ownership 15, classification 10, domain 10,
 * column-docs 15, pii 10, naming 5, deprecation 5, lineage 5) and the catalog's content as
 * described in the fixture's NOTES.md: no dataset has a domain; three have no description; the
 * Kafka dataset's field_foo_2 is tagged NeedsDocumentation and it has no upstreams; two datasets
 * document 3 of their 4 fields; only the three samples carry tags, and their CamelCase names break
 * the default naming convention.
 */
class BootstrapCatalogAuditTest {

    private static final String KAFKA =
            "urn:li:dataset:(urn:li:dataPlatform:kafka,SampleKafkaDataset,PROD)";
    private static final String HDFS =
            "urn:li:dataset:(urn:li:dataPlatform:hdfs,SampleHdfsDataset,PROD)";
    private static final String HIVE =
            "urn:li:dataset:(urn:li:dataPlatform:hive,SampleHiveDataset,PROD)";
    private static final String LOGGING =
            "urn:li:dataset:(urn:li:dataPlatform:hive,logging_events,PROD)";
    private static final String CREATED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_created,PROD)";
    private static final String DELETED =
            "urn:li:dataset:(urn:li:dataPlatform:hive,fct_users_deleted,PROD)";
    private static final String BACKUP =
            "urn:li:dataset:(urn:li:dataPlatform:s3,project/root/events/logging_events_bckp,PROD)";

    private static final Map<String, HealthReport> REPORTS = new TreeMap<>();

    @BeforeAll
    static void auditTheCatalog() throws Exception {
        Map<String, Map<String, String>> datasets = new HashMap<>();
        for (MetadataChange change :
                MceFileReader.read(
                        Fixtures.path(
                                "datahub/repo/metadata-ingestion/examples/mce_files/bootstrap_mce.json"),
                        0)) {
            if ("dataset".equals(change.entityType()) && !change.timeseries()) {
                datasets.computeIfAbsent(change.entityUrn(), u -> new HashMap<>())
                        .put(change.aspectName(), change.aspectJson());
            }
        }
        DocumentationAuditor auditor = new DocumentationAuditor(HealthRulesConfig.defaults());
        datasets.forEach(
                (urn, aspects) -> {
                    try {
                        REPORTS.put(
                                urn,
                                auditor.audit(
                                        DatasetDocs.of(urn, EntityAspects.toJsonObject(aspects)),
                                        0));
                    } catch (Exception e) {
                        throw new AssertionError(urn, e);
                    }
                });
    }

    @Test
    void auditsAllSevenDatasets() {
        assertThat(REPORTS).containsOnlyKeys(KAFKA, HDFS, HIVE, LOGGING, CREATED, DELETED, BACKUP);
    }

    @Test
    void theThreeWithoutADescriptionAreFlagged() {
        assertThat(REPORTS)
                .allSatisfy(
                        (urn, report) ->
                                assertThat(rules(report).contains("description"))
                                        .as(urn)
                                        .isEqualTo(Set3.NO_DESCRIPTION.contains(urn)));
    }

    @Test
    void theFieldTaggedNeedsDocumentationIsFlagged() {
        assertThat(REPORTS.get(KAFKA).violations())
                .anySatisfy(
                        v -> {
                            assertThat(v.rule()).isEqualTo("column-docs");
                            assertThat(v.field()).isEqualTo("field_foo_2");
                            assertThat(v.message()).contains("needing documentation");
                        });
        assertThat(REPORTS.entrySet().stream().filter(e -> !e.getKey().equals(KAFKA)))
                .allSatisfy(
                        e ->
                                assertThat(e.getValue().violations())
                                        .noneMatch(
                                                v ->
                                                        v.message()
                                                                .contains(
                                                                        "needing documentation")));
    }

    @Test
    void scoresFollowFromTheWeights() {
        // The three Sample* names are CamelCase, against the default lower_snake_case: naming 5.
        assertThat(REPORTS.get(KAFKA).score()).isEqualTo(100 - 25 - 10 - 5 - 5 - 5);
        assertThat(REPORTS.get(HDFS).score()).isEqualTo(100 - 25 - 10 - 5);
        assertThat(REPORTS.get(HIVE).score()).isEqualTo(100 - 25 - 10 - 5);
        // 1 of 4 fields undocumented costs a quarter of column-docs: 3.75, rounded with the rest.
        assertThat(REPORTS.get(LOGGING).score()).isEqualTo(76);
        assertThat(REPORTS.get(BACKUP).score()).isEqualTo(76);
        // Both fct_users_* tables hold an untagged user_name column: personal data, pii 10.
        assertThat(REPORTS.get(CREATED).score()).isEqualTo(100 - 10 - 10 - 10);
        assertThat(REPORTS.get(DELETED).score()).isEqualTo(100 - 10 - 10 - 10);
    }

    @Test
    void everyDatasetHasItsOwnersAndNoDomain() {
        assertThat(REPORTS.values())
                .allSatisfy(
                        r -> {
                            assertThat(r.owners())
                                    .containsExactlyInAnyOrder(
                                            "urn:li:corpuser:jdoe", "urn:li:corpuser:datahub");
                            assertThat(r.domain()).isNull();
                            assertThat(rules(r)).contains("domain").doesNotContain("ownership");
                        });
    }

    @Test
    void anUntaggedUserNameIsPersonalData() {
        assertThat(REPORTS.get(CREATED).violations())
                .filteredOn(v -> v.rule().equals("pii"))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("user_name"));
    }

    @Test
    void violationsComeWorstFirst() {
        assertThat(rules(REPORTS.get(KAFKA)))
                .containsExactly("description", "domain", "column-docs", "naming", "lineage");
    }

    private static java.util.List<String> rules(HealthReport report) {
        return Arrays.asList(report.ruleIds());
    }

    private static final class Set3 {
        static final java.util.Set<String> NO_DESCRIPTION = java.util.Set.of(KAFKA, HDFS, HIVE);
    }
}
