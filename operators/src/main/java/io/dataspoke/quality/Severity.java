package io.dataspoke.quality;

/** How bad an incident is; also what the circuit breaker and alert routing act on. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** True when this is at least {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
