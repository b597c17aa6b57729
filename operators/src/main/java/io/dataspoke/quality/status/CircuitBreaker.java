package io.dataspoke.quality.status;

import io.dataspoke.quality.CircuitStatus;
import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.QualityEvent;
import io.dataspoke.quality.Severity;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The circuit-breaker rules: which quality facts block a dataset and which only warn. A failing
 * check or a broken column blocks; a warning, a failed run or an anomaly warns; an open incident
 * blocks from {@code blockAt} severity up and warns below it.
 */
public final class CircuitBreaker {

    private final Severity blockAt;

    public CircuitBreaker(Severity blockAt) {
        this.blockAt = blockAt;
    }

    /** The fact a quality event establishes, or null when it clears its key. */
    public static StatusFact factOf(QualityEvent event) {
        String key = event.kind() + ":" + event.name();
        CircuitStatus calls =
                switch (event.kind()) {
                    case CHECK ->
                            event.outcome() == Outcome.FAIL
                                    ? CircuitStatus.BLOCK
                                    : event.outcome() == Outcome.WARN ? CircuitStatus.WARN : null;
                    case SCHEMA -> event.outcome() == Outcome.FAIL ? CircuitStatus.BLOCK : null;
                    case RUN, ANOMALY -> event.bad() ? CircuitStatus.WARN : null;
                };
        if (calls == null) {
            return null;
        }
        return new StatusFact(key, calls, reasonOf(event), event.eventMillis());
    }

    /** The fact an incident notice establishes, or null when it clears its key. */
    public StatusFact factOf(IncidentNotice notice) {
        if (!notice.active()) {
            return null;
        }
        CircuitStatus calls =
                notice.severity().atLeast(blockAt) ? CircuitStatus.BLOCK : CircuitStatus.WARN;
        return new StatusFact(
                keyOf(notice),
                calls,
                "open "
                        + notice.severity().name().toLowerCase()
                        + " incident "
                        + notice.incidentId()
                        + ": "
                        + notice.title(),
                notice.eventMillis());
    }

    /** The key under which a notice's fact is kept. */
    public static String keyOf(IncidentNotice notice) {
        return "INCIDENT:" + notice.incidentId();
    }

    /** The status the facts call for: the worst of them, PASS when there are none. */
    public static CircuitStatus statusOf(Collection<StatusFact> facts) {
        CircuitStatus worst = CircuitStatus.PASS;
        for (StatusFact fact : facts) {
            if (fact.calls().compareTo(worst) > 0) {
                worst = fact.calls();
            }
        }
        return worst;
    }

    /** The facts worst first, then oldest first, so the first reason is the one to act on. */
    public static List<StatusFact> ordered(Collection<StatusFact> facts) {
        return facts.stream()
                .sorted(
                        Comparator.comparing(StatusFact::calls)
                                .reversed()
                                .thenComparingLong(StatusFact::sinceMillis)
                                .thenComparing(StatusFact::key))
                .toList();
    }

    private static String reasonOf(QualityEvent event) {
        String detail = event.detail() != null ? event.detail() : event.name();
        return switch (event.kind()) {
            case CHECK ->
                    "check "
                            + event.name()
                            + " "
                            + event.outcome().name().toLowerCase()
                            + ": "
                            + detail;
            case SCHEMA -> "breaking schema change: " + detail;
            case RUN -> "last run of " + event.name() + " failed: " + detail;
            case ANOMALY -> "anomaly: " + detail;
        };
    }
}
