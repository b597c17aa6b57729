package io.dataspoke.quality.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.quality.Incident;
import io.dataspoke.quality.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRoutingTest {

    private static final AlertRoute PAYMENTS =
            new AlertRoute("payments-oncall", "payments", null, Severity.HIGH, "SLACK_PAYMENTS");
    private static final AlertRoute SALES =
            new AlertRoute("sales", null, "sales", null, "SLACK_SALES");
    private static final AlertRoute EVERYTHING =
            new AlertRoute("everything", null, null, null, "SLACK_DQ");

    private static Incident incident(String team, String domain, Severity severity) {
        Incident i = Incidents.opened();
        return new Incident(
                i.id(),
                i.rootUrn(),
                i.title(),
                i.cause(),
                i.state(),
                severity,
                i.openedMillis(),
                i.updatedMillis(),
                null,
                i.column(),
                i.affected(),
                1,
                team,
                domain);
    }

    @Test
    void everyMatchingRouteTakesTheIncidentInConfigOrder() {
        AlertRouting routing = new AlertRouting(List.of(PAYMENTS, SALES, EVERYTHING), null);
        assertThat(routing.routesFor(incident("payments", "urn:li:domain:sales", Severity.HIGH)))
                .containsExactly("payments-oncall", "sales", "everything");
        assertThat(routing.routesFor(incident("payments", "marketing", Severity.MEDIUM)))
                .containsExactly("everything");
    }

    @Test
    void teamAndDomainMatchAsUrnOrBareNameInAnyCase() {
        assertThat(PAYMENTS.matches("urn:li:corpGroup:Payments", null, Severity.CRITICAL)).isTrue();
        assertThat(PAYMENTS.matches("payments-eu", null, Severity.CRITICAL)).isFalse();
        assertThat(PAYMENTS.matches(null, null, Severity.CRITICAL)).isFalse();
        AlertRoute byUrn = new AlertRoute("s", null, "urn:li:domain:Sales", null, "E");
        assertThat(byUrn.matches(null, "sales", Severity.LOW)).isTrue();
        assertThat(SALES.matches(null, "urn:li:domain:sales", Severity.LOW)).isTrue();
        assertThat(SALES.matches(null, "urn:li:domain:finance", Severity.LOW)).isFalse();
        assertThat(PAYMENTS.matches("payments", null, Severity.MEDIUM)).isFalse();
        assertThat(EVERYTHING.matches(null, null, null)).isTrue();
    }

    @Test
    void theDefaultRouteTakesOnlyWhatNoRouteMatched() {
        AlertRouting routing = new AlertRouting(List.of(PAYMENTS, SALES), "sales");
        assertThat(routing.routesFor(incident("growth", "marketing", Severity.LOW)))
                .containsExactly("sales");
        assertThat(routing.routesFor(incident("payments", "marketing", Severity.CRITICAL)))
                .containsExactly("payments-oncall");
        assertThat(
                        new AlertRouting(List.of(PAYMENTS), null)
                                .routesFor(incident("growth", null, Severity.LOW)))
                .isEmpty();
    }

    @Test
    void anAlertIsRoutedByItsPeakSeveritySoTheResolveReachesTheOnCall() {
        AlertRouting routing = new AlertRouting(List.of(PAYMENTS, EVERYTHING), null);
        Incident calmer = incident("payments", null, Severity.MEDIUM);
        IncidentAlert resolve =
                new IncidentAlert(
                        calmer, IncidentAlert.Kind.RESOLVED, 3, new String[0], Severity.HIGH);
        assertThat(routing.routesFor(calmer)).containsExactly("everything");
        assertThat(routing.routesFor(resolve)).containsExactly("payments-oncall", "everything");
    }

    @Test
    void namesAreUniqueAndTheDefaultMustExist() {
        assertThatThrownBy(() -> new AlertRouting(List.of(SALES, SALES), null))
                .hasMessageContaining("two routes are named sales");
        assertThatThrownBy(() -> new AlertRouting(List.of(SALES), "nope"))
                .hasMessageContaining("nope");
        assertThat(new AlertRouting(List.of(SALES), null).route("sales")).isEqualTo(SALES);
    }
}
