package io.dataspoke.event;

/**
 * An OpenLineage RunEvent, reduced to what DataSpoke judges.
 *
 * @param eventType START, RUNNING, COMPLETE, FAIL, ABORT or OTHER
 * @param errorMessage from the errorMessage run facet, null when absent
 */
public record PipelineRun(
        String runId,
        String eventType,
        long eventMillis,
        String jobNamespace,
        String jobName,
        RunDataset[] inputs,
        RunDataset[] outputs,
        String errorMessage) {

    /** True for a run that ended badly (FAIL or ABORT). */
    public boolean failed() {
        return "FAIL".equals(eventType) || "ABORT".equals(eventType);
    }
}
