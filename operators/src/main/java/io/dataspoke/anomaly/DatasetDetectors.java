package io.dataspoke.anomaly;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dataset's detectors, one {@link MetricState} per metric: the streaming job's keyed state. Kept
 * as one value so an observation reads and writes its dataset's state once, not once per metric.
 */
public final class DatasetDetectors implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, MetricState> metrics = new LinkedHashMap<>();

    /** The metric's state, or null when the metric was never seen. */
    public MetricState get(String metric) {
        return metrics.get(metric);
    }

    public void put(String metric, MetricState state) {
        metrics.put(metric, state);
    }

    /** Every metric's state, in the order first seen. */
    public Map<String, MetricState> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }
}
