package io.dataspoke.quality.contract;

import io.dataspoke.quality.Outcome;
import io.dataspoke.quality.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * How old the last successful load of a dataset may be. The age is measured from the last load (an
 * operation's lastUpdatedTimestamp, the end of a run or a query), so a timer set at {@link
 * #failAfterMillis()} turns the check red when no load arrives: the absence of loads is the signal.
 *
 * @param column the column SodaCL names in {@code freshness(updated_at)}; informational, shown in
 *     messages; null when the contract names none
 * @param warn when the age (milliseconds) warns, e.g. {@code > 3600000}; null for no warn level
 * @param fail when the age fails; null for no fail level
 */
public record FreshnessCheck(
        String id,
        String text,
        String name,
        String column,
        Condition warn,
        Condition fail,
        Severity severity,
        String contractFile)
        implements Check {

    @Override
    public CheckType type() {
        return CheckType.FRESHNESS;
    }

    @Override
    public FreshnessCheck withId(String newId) {
        return new FreshnessCheck(newId, text, name, column, warn, fail, severity, contractFile);
    }

    /** The smallest age that warns, null when the check has no warn level. */
    public Long warnAfterMillis() {
        return firstBreach(warn);
    }

    /** The smallest age that fails, null when the check has only a warn level. */
    public Long failAfterMillis() {
        return firstBreach(fail);
    }

    /** {@code freshness(updated_at)}, or {@code freshness} without a column. */
    public String metric() {
        return column == null ? "freshness" : "freshness(" + column + ")";
    }

    /** Compares the time since the last successful load with the thresholds. */
    public Evaluation evaluateAge(long ageMillis) {
        long age = Math.max(ageMillis, 0);
        Outcome outcome =
                fail != null && fail.test(age)
                        ? Outcome.FAIL
                        : warn != null && warn.test(age) ? Outcome.WARN : Outcome.PASS;
        List<String> levels = new ArrayList<>();
        if (warn != null) {
            levels.add("warn when " + warn);
        }
        if (fail != null) {
            levels.add("fail when " + fail);
        }
        String message =
                metric()
                        + " = "
                        + Unit.duration(age)
                        + " since the last load ("
                        + String.join(", ", levels)
                        + ")";
        return new Evaluation(outcome, age / 3_600_000.0, message);
    }

    /** Freshness conditions are {@code > d} or {@code >= d} (the parser allows nothing else). */
    private static Long firstBreach(Condition condition) {
        if (condition == null) {
            return null;
        }
        long threshold = (long) condition.value();
        return condition.op() == Condition.Op.GT ? threshold + 1 : threshold;
    }
}
