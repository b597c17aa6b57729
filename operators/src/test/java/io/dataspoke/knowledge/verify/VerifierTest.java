package io.dataspoke.knowledge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.knowledge.DocumentPayload;
import io.dataspoke.knowledge.search.SearchResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private static final String ORDERS = "urn:orders";

    @Test
    void aHealthyDatasetPasses() {
        Verdict v = Verifier.verdict(facts("PASS", List.of(), List.of(), 90.0, false), List.of());

        assertThat(v.status()).isEqualTo("PASS");
        assertThat(v.issues()).isEmpty();
        assertThat(v.recommendations()).isEmpty();
    }

    @Test
    void aBlockedDatasetWithAnIncidentGetsItsIncidentAndAHealthierAlternative() {
        DatasetFacts facts =
                facts(
                        "BLOCK",
                        List.of(
                                new DatasetFacts.OpenIncident(
                                        "inc-7",
                                        "Schema change of orders.amount",
                                        "HIGH",
                                        "schema-change",
                                        "2026-11-30T09:00:00Z")),
                        List.of(),
                        60.0,
                        false);
        List<SearchResult> similar =
                List.of(
                        result(payload(ORDERS, "BLOCK", 1, 60.0, false)),
                        result(payload("urn:orders_v1", "WARN", 0, 95.0, false)),
                        result(payload("urn:orders_old", "PASS", 0, 99.0, true)),
                        result(payload("urn:orders_poor", "PASS", 0, 20.0, false)),
                        result(payload("urn:orders_clean", "PASS", 0, 88.0, false)),
                        result(payload("urn:orders_new", null, 0, null, false)));

        Verdict v = Verifier.verdict(facts, similar);

        assertThat(v.status()).isEqualTo("BLOCK");
        assertThat(v.issues())
                .extracting(Verdict.Issue::kind)
                .containsExactly("status", "incident");
        assertThat(v.issues().get(1).message()).contains("inc-7", "Schema change of orders.amount");
        assertThat(v.alternatives())
                .extracting(Verdict.Alternative::urn)
                .containsExactly("urn:orders_clean", "urn:orders_new");
        assertThat(v.recommendations())
                .anyMatch(r -> r.contains("inc-7"))
                .anyMatch(r -> r.startsWith("Consider urn:orders_clean"));
    }

    @Test
    void failingChecksAndPoorDocumentationWarn() {
        DatasetFacts facts =
                facts(
                        "PASS",
                        List.of(),
                        List.of(
                                new DatasetFacts.FailingCheck(
                                        "freshness < 6h", "FAIL", "loaded 9.0 h ago", "now")),
                        30.0,
                        false);

        Verdict v = Verifier.verdict(facts, List.of());

        assertThat(v.status()).isEqualTo("WARN");
        assertThat(v.issues())
                .extracting(Verdict.Issue::kind)
                .containsExactly("contract", "documentation");
        assertThat(v.issues().get(1).message()).contains("30/100", "no description");
    }

    @Test
    void deprecationBlocksAndNamesTheReplacement() {
        DatasetFacts facts =
                new DatasetFacts(
                        ORDERS,
                        "orders",
                        true,
                        "PASS",
                        List.of(),
                        List.of(),
                        List.of(),
                        90.0,
                        List.of(),
                        true,
                        "moved to the new model",
                        "urn:orders_v2");

        Verdict v = Verifier.verdict(facts, List.of());

        assertThat(v.status()).isEqualTo("BLOCK");
        assertThat(v.issues().get(0).message()).contains("moved to the new model");
        assertThat(v.recommendations())
                .contains("Use urn:orders_v2 instead: DataHub names it the replacement");
    }

    @Test
    void anUnknownDatasetWarns() {
        Verdict v = Verifier.verdict(DatasetFacts.unknown("urn:nowhere"), List.of());

        assertThat(v.status()).isEqualTo("WARN");
        assertThat(v.issues()).extracting(Verdict.Issue::kind).containsExactly("unknown");
    }

    private static DatasetFacts facts(
            String status,
            List<DatasetFacts.OpenIncident> incidents,
            List<DatasetFacts.FailingCheck> checks,
            Double health,
            boolean deprecated) {
        return new DatasetFacts(
                ORDERS,
                "orders",
                true,
                status,
                "PASS".equals(status) ? List.of() : List.of("incident inc-7 (HIGH)"),
                incidents,
                checks,
                health,
                List.of("no description"),
                deprecated,
                null,
                null);
    }

    private static SearchResult result(DocumentPayload payload) {
        return new SearchResult(1, payload, 0.03, 0, List.of("name: order"), List.of());
    }

    private static DocumentPayload payload(
            String urn, String status, int incidents, Double health, boolean deprecated) {
        return new DocumentPayload(
                urn,
                urn,
                "hive",
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                health,
                status,
                incidents,
                false,
                deprecated);
    }
}
