package io.dataspoke.aspect;

/**
 * One evaluation of a data-quality assertion ({@code assertionRunEvent}, time-series).
 *
 * @param status COMPLETE (or another AssertionRunStatus)
 * @param resultType SUCCESS, FAILURE, ERROR, INIT; null when the run carries no result
 * @param rowCount rows evaluated, null when not reported
 * @param unexpectedCount rows that failed, null when not reported
 * @param actualAggValue the observed aggregate, null when not reported
 */
public record AssertionRunEvent(
        long timestampMillis,
        String assertionUrn,
        String asserteeUrn,
        String runId,
        String status,
        String resultType,
        Long rowCount,
        Long unexpectedCount,
        Double actualAggValue)
        implements Aspect {

    public static final String NAME = "assertionRunEvent";

    @Override
    public String aspectName() {
        return NAME;
    }

    /** True when the assertion was evaluated and did not hold (FAILURE or ERROR). */
    public boolean failed() {
        return "FAILURE".equals(resultType) || "ERROR".equals(resultType);
    }
}
