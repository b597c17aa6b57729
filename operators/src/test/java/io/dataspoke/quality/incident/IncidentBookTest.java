package io.dataspoke.quality.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.IncidentState;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.PatternMatch;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.QualityEventKind;
import io.dataspoke.quality.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentBookTest {

    private static final String SRC = urn("growth.sessions");
    private static final String STG = urn("staging.stg_sessions");
    private static final String INT = urn("warehouse.int_sessions");
    private static final String MART = urn("marts.fct_sessions");
    private static final String OTHER = urn("finance.ledger");
    private static final long H = 3_600_000L;

    /** src → stg → int → mart; OTHER stands alone. */
    private static final IncidentBook.Ancestry CHAIN =
            urn -> {
                Map<String, Integer> up = new LinkedHashMap<>();
                List<String> chain = List.of(SRC, STG, INT, MART);
                int at = chain.indexOf(urn);
                for (int i = at - 1; i >= 0; i--) {
                    up.put(chain.get(i), at - i);
                }
                return up;
            };

    private static final IncidentBook.CheckSeverity SEVERITY = (urn, check) -> Severity.MEDIUM;

    private final IncidentBook book = new IncidentBook(H);

    @Test
    void aFailingCheckOpensAnIncidentThatResolvesWhenItPasses() {
        List<Incident> opened =
                book.onEvent(check(OTHER, 0, "freshness", Outcome.FAIL), CHAIN, SEVERITY);
        assertThat(opened)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.state()).isEqualTo(IncidentState.OPEN);
                            assertThat(i.rootUrn()).isEqualTo(OTHER);
                            assertThat(i.severity()).isEqualTo(Severity.MEDIUM);
                            assertThat(i.revision()).isEqualTo(1);
                        });
        List<Incident> resolved =
                book.onEvent(check(OTHER, 2 * H, "freshness", Outcome.PASS), CHAIN, SEVERITY);
        assertThat(resolved)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.id()).isEqualTo(opened.get(0).id());
                            assertThat(i.state()).isEqualTo(IncidentState.RESOLVED);
                            assertThat(i.resolvedMillis()).isEqualTo(2 * H);
                            assertThat(i.revision()).isEqualTo(2);
                        });
        assertThat(book.open).isEmpty();
    }

    @Test
    void downstreamFailuresJoinTheUpstreamSchemaBreakWithTheirHopDistance() {
        Incident root = book.onEvent(schema(SRC, 0, Outcome.FAIL), CHAIN, SEVERITY).get(0);
        assertThat(root.cause()).isEqualTo("schema-change");
        assertThat(root.severity()).isEqualTo(Severity.HIGH);

        book.onEvent(run(STG, 5 * 60_000, Outcome.FAIL), CHAIN, SEVERITY);
        book.onMatch(
                new PatternMatch(
                        "schema-break-downstream-failure",
                        SRC,
                        0,
                        5 * 60_000,
                        "device_type",
                        new String[] {STG},
                        new int[] {1},
                        "device_type removed, stg failed"));
        book.onEvent(run(INT, 15 * 60_000, Outcome.FAIL), CHAIN, SEVERITY);
        Incident grouped =
                book.onEvent(run(MART, 25 * 60_000, Outcome.FAIL), CHAIN, SEVERITY).get(0);

        assertThat(book.open).hasSize(1);
        assertThat(grouped.id()).isEqualTo(root.id());
        assertThat(grouped.affected())
                .extracting(AffectedDataset::urn, AffectedDataset::hops)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SRC, 0),
                        org.assertj.core.groups.Tuple.tuple(STG, 1),
                        org.assertj.core.groups.Tuple.tuple(INT, 2),
                        org.assertj.core.groups.Tuple.tuple(MART, 3));
        assertThat(grouped.title()).contains("device_type").contains("3 downstream datasets");

        // The column comes back, then each job succeeds again: resolved only after the last.
        assertThat(book.onEvent(schema(SRC, 3 * H, Outcome.PASS), CHAIN, SEVERITY).get(0).open())
                .isTrue();
        book.onEvent(run(STG, 3 * H + 1, Outcome.PASS), CHAIN, SEVERITY);
        book.onEvent(run(INT, 3 * H + 2, Outcome.PASS), CHAIN, SEVERITY);
        Incident last = book.onEvent(run(MART, 3 * H + 3, Outcome.PASS), CHAIN, SEVERITY).get(0);
        assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(last.affected()).allMatch(AffectedDataset::recovered);
    }

    @Test
    void oneFailedRunIsNoIncidentButAStreakIs() {
        assertThat(book.onEvent(run(OTHER, 0, Outcome.FAIL), CHAIN, SEVERITY)).isEmpty();
        assertThat(book.onEvent(run(OTHER, H, Outcome.FAIL), CHAIN, SEVERITY)).isEmpty();
        Incident streak =
                book.onMatch(
                                new PatternMatch(
                                        "pipeline-failure-streak",
                                        OTHER,
                                        0,
                                        2 * H,
                                        null,
                                        new String[0],
                                        new int[0],
                                        "3 consecutive failed runs of finance.load_ledger"))
                        .get(0);
        assertThat(streak.cause()).isEqualTo("pipeline-failures");
        assertThat(streak.severity()).isEqualTo(Severity.HIGH);
        assertThat(streak.title()).isEqualTo("3 consecutive failed runs of finance.load_ledger");

        Incident resolved = book.onEvent(run(OTHER, 4 * H, Outcome.PASS), CHAIN, SEVERITY).get(0);
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aProblemBackWithinTheReopenWindowReopensTheSameIncident() {
        String id =
                book.onEvent(check(OTHER, 0, "row_count", Outcome.FAIL), CHAIN, SEVERITY)
                        .get(0)
                        .id();
        book.onEvent(check(OTHER, 10 * 60_000, "row_count", Outcome.PASS), CHAIN, SEVERITY);
        Incident again =
                book.onEvent(check(OTHER, 20 * 60_000, "row_count", Outcome.FAIL), CHAIN, SEVERITY)
                        .get(0);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.open()).isTrue();
        assertThat(again.revision()).isEqualTo(3);

        book.onEvent(check(OTHER, 30 * 60_000, "row_count", Outcome.PASS), CHAIN, SEVERITY);
        Incident later =
                book.onEvent(check(OTHER, 5 * H, "row_count", Outcome.FAIL), CHAIN, SEVERITY)
                        .get(0);
        assertThat(later.id()).isNotEqualTo(id);
        assertThat(book.recent).isEmpty();
    }

    @Test
    void aDownstreamIncidentOpenedFirstIsAbsorbedWhenTheMatchExplainsIt() {
        String own =
                book.onEvent(check(STG, 0, "row_count", Outcome.FAIL), CHAIN, SEVERITY).get(0).id();
        List<Incident> changed =
                book.onMatch(
                        new PatternMatch(
                                "schema-break-downstream-failure",
                                SRC,
                                0,
                                60_000,
                                "device_type",
                                new String[] {STG},
                                new int[] {1},
                                "stg failed"));
        assertThat(changed).extracting(Incident::id).contains(own);
        Incident merged =
                changed.stream().filter(i -> i.id().equals(own)).findFirst().orElseThrow();
        assertThat(merged.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(merged.title()).contains("merged into");
        assertThat(book.open).hasSize(1);
        assertThat(book.incidentOf(STG).rootUrn).isEqualTo(SRC);
    }

    @Test
    void anUnrelatedFailureOpensItsOwnIncident() {
        book.onEvent(schema(SRC, 0, Outcome.FAIL), CHAIN, SEVERITY);
        book.onEvent(check(OTHER, 60_000, "freshness", Outcome.FAIL), CHAIN, SEVERITY);
        assertThat(book.open).hasSize(2);
    }

    @Test
    void aWarningAloneOpensNothing() {
        assertThat(book.onEvent(check(OTHER, 0, "row_count", Outcome.WARN), CHAIN, SEVERITY))
                .isEmpty();
    }

    private static QualityEvent check(String urn, long at, String check, Outcome outcome) {
        return new QualityEvent(
                urn,
                at,
                QualityEventKind.CHECK,
                check,
                outcome,
                check,
                null,
                check + " " + outcome,
                "growth",
                "urn:li:domain:growth");
    }

    private static QualityEvent schema(String urn, long at, Outcome outcome) {
        return new QualityEvent(
                urn,
                at,
                QualityEventKind.SCHEMA,
                "device_type",
                outcome,
                null,
                "device_type",
                "column device_type was removed",
                "growth",
                "urn:li:domain:growth");
    }

    private static QualityEvent run(String urn, long at, Outcome outcome) {
        return new QualityEvent(
                urn,
                at,
                QualityEventKind.RUN,
                "job:" + urn,
                outcome,
                null,
                null,
                outcome == Outcome.FAIL ? "UNRESOLVED_COLUMN device_type" : "ok",
                "growth",
                null);
    }

    private static String urn(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }
}
