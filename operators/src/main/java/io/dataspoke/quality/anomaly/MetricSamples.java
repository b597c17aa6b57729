package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.MetricSample;
import io.dataspoke.quality.ColumnProfile;
import io.dataspoke.quality.Observation;
import io.dataspoke.quality.Signal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Observations as the anomaly path sees them. */
final class MetricSamples {

    private MetricSamples() {}

    /** The sample of a profile or an operation; null for every other observation. */
    static MetricSample of(Observation o) {
        if (o.signal() == Signal.OPERATION && o.rowsWritten() != null) {
            return new MetricSample(
                    o.datasetUrn(),
                    o.eventMillis(),
                    MetricSample.Kind.OPERATION,
                    null,
                    null,
                    o.rowsWritten(),
                    Map.of());
        }
        if (o.signal() != Signal.PROFILE || o.rowCount() == null) {
            return null;
        }
        Map<String, Long> nulls = new LinkedHashMap<>();
        ColumnProfile[] columns = o.columns() == null ? new ColumnProfile[0] : o.columns();
        for (ColumnProfile c : columns) {
            if (c.nullCount() != null) {
                nulls.put(c.name(), c.nullCount());
            } else if (c.nullProportion() != null) {
                nulls.put(c.name(), Math.round(c.nullProportion() * o.rowCount()));
            }
        }
        return new MetricSample(
                o.datasetUrn(),
                o.eventMillis(),
                MetricSample.Kind.PROFILE,
                o.rowCount(),
                columns.length,
                null,
                nulls);
    }
}
