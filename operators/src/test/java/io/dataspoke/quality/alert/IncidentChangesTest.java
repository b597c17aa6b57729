package io.dataspoke.quality.alert;

import static io.dataspoke.quality.alert.Incidents.MINUTE;
import static io.dataspoke.quality.alert.Incidents.T0;
import static io.dataspoke.quality.alert.Incidents.dataset;
import static io.dataspoke.quality.alert.Incidents.next;
import static io.dataspoke.quality.alert.Incidents.opened;
import static io.dataspoke.quality.alert.Incidents.recovered;
import static io.dataspoke.quality.alert.Incidents.with;
import static io.dataspoke.quality.alert.Incidents.withSeverity;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import org.junit.jupiter.api.Test;

class IncidentChangesTest {

    private static final AffectedDataset MART = dataset("mart.orders_daily", 1);

    @Test
    void aJoinedDatasetIsMaterialAndNamedWithItsHops() {
        Incident before = opened();
        IncidentChanges changes =
                IncidentChanges.between(
                        before, next(before, T0 + MINUTE, MART, dataset("bi.x", 3)));
        assertThat(changes.material()).isTrue();
        assertThat(changes.lines())
                .containsExactly("mart.orders_daily joined (1 hop)", "bi.x joined (3 hops)");
    }

    @Test
    void onlyATimestampOrRevisionIsNoChangeAtAll() {
        Incident before = next(opened(), T0 + MINUTE, MART);
        IncidentChanges changes = IncidentChanges.between(before, next(before, T0 + 9 * MINUTE));
        assertThat(changes.material()).isFalse();
        assertThat(changes.lines()).isEmpty();
    }

    @Test
    void severityUpIsMaterialDownIsOnlyListed() {
        Incident high = opened();
        assertThat(IncidentChanges.between(high, withSeverity(high, T0, Severity.CRITICAL)))
                .satisfies(
                        c -> {
                            assertThat(c.material()).isTrue();
                            assertThat(c.lines()).containsExactly("severity HIGH → CRITICAL");
                        });
        assertThat(IncidentChanges.between(high, withSeverity(high, T0, Severity.LOW)))
                .satisfies(
                        c -> {
                            assertThat(c.material()).isFalse();
                            assertThat(c.lines()).containsExactly("severity HIGH → LOW");
                        });
    }

    @Test
    void recoveriesAreListedButNotMaterialAndFailingAgainIs() {
        Incident before = next(opened(), T0 + MINUTE, MART);
        Incident better =
                with(
                        before,
                        T0 + 2 * MINUTE,
                        Severity.HIGH,
                        new AffectedDataset[] {before.affected()[0], recovered(MART)});
        IncidentChanges recovery = IncidentChanges.between(before, better);
        assertThat(recovery.material()).isFalse();
        assertThat(recovery.lines()).containsExactly("mart.orders_daily recovered");

        IncidentChanges relapse = IncidentChanges.between(better, before);
        assertThat(relapse.material()).isTrue();
        assertThat(relapse.lines()).containsExactly("mart.orders_daily failing again (1 hop)");

        Incident smaller =
                with(before, T0, Severity.HIGH, new AffectedDataset[] {before.affected()[0]});
        assertThat(IncidentChanges.between(before, smaller).lines())
                .containsExactly("mart.orders_daily no longer affected");
        assertThat(IncidentChanges.between(before, smaller).material()).isFalse();
    }

    @Test
    void aNewCauseOrColumnIsMaterial() {
        Incident before = opened();
        Incident after =
                new Incident(
                        before.id(),
                        before.rootUrn(),
                        before.title(),
                        "pipeline-failures",
                        before.state(),
                        before.severity(),
                        before.openedMillis(),
                        T0 + MINUTE,
                        null,
                        null,
                        before.affected(),
                        2,
                        before.team(),
                        before.domain());
        IncidentChanges changes = IncidentChanges.between(before, after);
        assertThat(changes.material()).isTrue();
        assertThat(changes.toArray())
                .containsExactly(
                        "cause schema-change → pipeline-failures",
                        "no column at fault any more (was amount)");
    }

    @Test
    void textsForNamesHopsAndDurations() {
        assertThat(AlertText.datasetName(Incidents.urn("raw.orders"))).isEqualTo("raw.orders");
        assertThat(AlertText.datasetName("not-a-urn")).isEqualTo("not-a-urn");
        assertThat(AlertText.hops(0)).isEqualTo("root");
        assertThat(AlertText.hops(1)).isEqualTo("1 hop");
        assertThat(AlertText.hops(4)).isEqualTo("4 hops");
        assertThat(AlertText.duration(42_000)).isEqualTo("42s");
        assertThat(AlertText.duration(42 * MINUTE)).isEqualTo("42m");
        assertThat(AlertText.duration(65 * MINUTE)).isEqualTo("1h 5m");
        assertThat(AlertText.duration(120 * MINUTE)).isEqualTo("2h");
        assertThat(AlertText.duration((51 * 60 + 30) * MINUTE)).isEqualTo("2d 3h");
    }
}
