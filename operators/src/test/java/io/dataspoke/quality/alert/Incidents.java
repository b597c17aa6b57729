package io.dataspoke.quality.alert;

import io.dataspoke.quality.AffectedDataset;
import io.dataspoke.quality.Incident;
import io.dataspoke.quality.IncidentState;
import io.dataspoke.quality.Severity;
import java.util.Arrays;

/** Incident revisions for the alert tests: one root, datasets joining below it. */
final class Incidents {

    static final long T0 = 1_717_000_000_000L;
    static final long MINUTE = 60_000L;
    static final String ID = "inc-7f3a";

    private Incidents() {}

    static String urn(String name) {
        return "urn:li:dataset:(urn:li:dataPlatform:hive," + name + ",PROD)";
    }

    static AffectedDataset dataset(String name, int hops) {
        return new AffectedDataset(urn(name), hops, "run failed: UNRESOLVED_COLUMN", T0, false);
    }

    static AffectedDataset recovered(AffectedDataset d) {
        return new AffectedDataset(d.urn(), d.hops(), d.reason(), d.sinceMillis(), true);
    }

    /** Revision 1: the root raw.orders failing on column amount, HIGH, team payments. */
    static Incident opened() {
        return new Incident(
                ID,
                urn("raw.orders"),
                "orders.amount changed type",
                "schema-change",
                IncidentState.OPEN,
                Severity.HIGH,
                T0,
                T0,
                null,
                "amount",
                new AffectedDataset[] {dataset("raw.orders", 0)},
                1,
                "payments",
                "urn:li:domain:sales");
    }

    /** The next revision, at {@code updatedMillis}, with {@code joined} added. */
    static Incident next(Incident i, long updatedMillis, AffectedDataset... joined) {
        AffectedDataset[] affected =
                Arrays.copyOf(i.affected(), i.affected().length + joined.length);
        System.arraycopy(joined, 0, affected, i.affected().length, joined.length);
        return with(i, updatedMillis, i.severity(), affected);
    }

    static Incident withSeverity(Incident i, long updatedMillis, Severity severity) {
        return with(i, updatedMillis, severity, i.affected());
    }

    static Incident with(Incident i, long updatedMillis, Severity severity, AffectedDataset[] a) {
        return new Incident(
                i.id(),
                i.rootUrn(),
                i.title(),
                i.cause(),
                i.state(),
                severity,
                i.openedMillis(),
                updatedMillis,
                i.resolvedMillis(),
                i.column(),
                a,
                i.revision() + 1,
                i.team(),
                i.domain());
    }

    static Incident resolved(Incident i, long at) {
        AffectedDataset[] affected =
                Arrays.stream(i.affected())
                        .map(Incidents::recovered)
                        .toArray(AffectedDataset[]::new);
        return new Incident(
                i.id(),
                i.rootUrn(),
                i.title(),
                i.cause(),
                IncidentState.RESOLVED,
                i.severity(),
                i.openedMillis(),
                at,
                at,
                i.column(),
                affected,
                i.revision() + 1,
                i.team(),
                i.domain());
    }
}
