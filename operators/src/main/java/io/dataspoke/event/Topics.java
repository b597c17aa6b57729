package io.dataspoke.event;

import java.io.Serializable;
import java.util.List;

/**
 * The Kafka topics DataSpoke reads, DataHub's defaults unless configured otherwise.
 *
 * @param versioned DataHub's versioned MetadataChangeLog topic
 * @param timeseries DataHub's time-series MetadataChangeLog topic
 * @param platformEvents DataHub's PlatformEvent topic (EntityChangeEvents)
 * @param openLineage OpenLineage RunEvents as JSON
 * @param queryLogs SQL engine query logs as JSON lines
 */
public record Topics(
        String versioned,
        String timeseries,
        String platformEvents,
        String openLineage,
        String queryLogs)
        implements Serializable {

    public static final Topics DEFAULTS =
            new Topics(
                    "MetadataChangeLog_Versioned_v1",
                    "MetadataChangeLog_Timeseries_v1",
                    "PlatformEvent_v1",
                    "openlineage.events",
                    "dataspoke.query-logs");

    /** All topics, in a fixed order. */
    public List<String> all() {
        return List.of(versioned, timeseries, platformEvents, openLineage, queryLogs);
    }
}
