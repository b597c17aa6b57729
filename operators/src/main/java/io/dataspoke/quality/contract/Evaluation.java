package io.dataspoke.quality.contract;

import io.dataspoke.quality.Outcome;

/**
 * What one evaluation of a contract check found: the outcome, the measured value and a sentence for
 * people, e.g. {@code missing_percent(email) = 4.2% (fail when >= 1%)}.
 *
 * @param observed rows, percent or hours (freshness); null when nothing could be measured
 */
public record Evaluation(Outcome outcome, Double observed, String message) {

    /** The signal the check needs was not in the observation; {@code message} says which. */
    public static Evaluation noData(String message) {
        return new Evaluation(Outcome.NO_DATA, null, message);
    }
}
