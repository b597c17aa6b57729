package io.dataspoke.demo;

/**
 * One scheduled run of the job that produces a dataset: when it was due, when it really started and
 * ended, and what it wrote, or why it failed.
 *
 * @param scheduled when the scheduler triggered it
 * @param start when the run started (later than scheduled for the late load)
 * @param end when it completed or failed
 * @param rows rows written; 0 when failed
 * @param partition the partition written, {@code ds=2026-01-05/hr=09} or {@code ds=2026-01-04}
 * @param nullCounts nulls per profiled column, in column order
 * @param error why it failed, null when it did not
 */
record Load(
        DemoDataset dataset,
        int runNumber,
        long scheduled,
        long start,
        long end,
        long rows,
        String partition,
        long[] nullCounts,
        boolean overwrite,
        String error) {

    boolean failed() {
        return error != null;
    }
}
