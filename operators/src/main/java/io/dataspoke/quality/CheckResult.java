package io.dataspoke.quality;

/**
 * One evaluation of one contract check on one dataset, as stored in {@code check_results} and
 * written to DataHub as an assertionRunEvent.
 *
 * @param checkId stable id of the check within the dataset's contracts, e.g. {@code
 *     missing_percent(email)}; with the URN it names the DataHub assertion
 * @param check the check as the user wrote it, e.g. {@code missing_percent(email) < 1%}
 * @param checkType row_count, missing_count, missing_percent, invalid_percent, duplicate_percent,
 *     freshness, schema, completeness
 * @param contractFile the contract file the check comes from, as given at start-up
 * @param observed the measured value (rows, percent, hours …), null when not measurable
 * @param signal the {@link Signal} (or {@code timer} for a freshness deadline) that fed it
 * @param message a sentence for people: what was measured against what
 */
public record CheckResult(
        String datasetUrn,
        String checkId,
        String check,
        String checkType,
        String contractFile,
        long evaluatedMillis,
        Outcome outcome,
        Double observed,
        String signal,
        String message) {}
