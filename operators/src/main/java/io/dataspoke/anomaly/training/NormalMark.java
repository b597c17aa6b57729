package io.dataspoke.anomaly.training;

import java.util.Objects;

/**
 * A user's verdict "this was normal" on a window of one dataset ({@code anomaly_feedback}): the
 * points of the window go back into training even where an incident would have left them out.
 *
 * @param metric the metric marked, e.g. {@code rows_written}; null for every metric of the dataset
 * @param window when
 */
public record NormalMark(String metric, Interval window) implements java.io.Serializable {

    public NormalMark {
        Objects.requireNonNull(window, "window");
    }

    /** Whether the mark covers {@code metric} at {@code epochMillis}. */
    public boolean covers(String metric, long epochMillis) {
        return (this.metric == null || this.metric.equals(metric)) && window.contains(epochMillis);
    }
}
