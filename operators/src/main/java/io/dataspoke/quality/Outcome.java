package io.dataspoke.quality;

/** The result of one evaluation of a check. */
public enum Outcome {
    PASS,
    WARN,
    FAIL,
    /** The signal the check needs was not in the observation (e.g. no null counts profiled). */
    NO_DATA;

    /** True for WARN and FAIL. */
    public boolean bad() {
        return this == WARN || this == FAIL;
    }
}
