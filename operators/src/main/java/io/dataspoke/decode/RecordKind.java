package io.dataspoke.decode;

/** What a Kafka record holds, decided by the topic it came from. */
public enum RecordKind {
    /** A MetadataChangeLog from the versioned topic. */
    VERSIONED_MCL("versionedMcl"),
    /** A MetadataChangeLog from the time-series topic. */
    TIMESERIES_MCL("timeseriesMcl"),
    /** A PlatformEvent (EntityChangeEvents among others). */
    PLATFORM_EVENT("platformEvent"),
    /** An OpenLineage RunEvent. */
    OPEN_LINEAGE("openLineage"),
    /** A SQL engine query log record. */
    QUERY_LOG("queryLog");

    private final String metricName;

    RecordKind(String metricName) {
        this.metricName = metricName;
    }

    /** The kind as it appears in metric names. */
    public String metricName() {
        return metricName;
    }
}
