package io.dataspoke.quality;

/** What a {@link QualityEvent} reports. */
public enum QualityEventKind {
    /** A contract check changed outcome (PASS, WARN or FAIL). */
    CHECK,
    /** A run of a job writing the dataset finished: PASS for success, FAIL for failure. */
    RUN,
    /** A breaking schema change (FAIL: column removed or type changed) or its repair (PASS). */
    SCHEMA,
    /** An anomaly detector's verdict (FAIL: anomalous, PASS: normal again). */
    ANOMALY
}
