package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(metrics.size());
        for (Map.Entry<String, MetricState> e : metrics.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().writeTo(out);
        }
    }

    /** Reads the form {@link #writeTo} wrote, or that of an earlier binary {@code version}. */
    static DatasetDetectors readFrom(DataInput in, int version) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException(count + " metrics");
        }
        DatasetDetectors dataset = new DatasetDetectors();
        for (int i = 0; i < count; i++) {
            dataset.put(in.readUTF(), MetricState.readFrom(in, version));
        }
        return dataset;
    }

    /** Every metric's state, in the order first seen. */
    public Map<String, MetricState> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }
}
