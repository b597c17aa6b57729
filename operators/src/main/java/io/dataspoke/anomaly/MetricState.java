package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * What the streaming job keeps per dataset metric: the detector, its alarm, and the version of the
 * trained model it started from (0 when it learned everything online).
 */
public final class MetricState implements Serializable {

    private static final long serialVersionUID = 1L;

    private final EnsembleStrategy detector;
    private final AnomalyAlarm alarm;
    private final long modelVersion;
    private long lastMillis = Long.MIN_VALUE;

    public MetricState(EnsembleStrategy detector, AnomalyAlarm alarm, long modelVersion) {
        this.detector = detector;
        this.alarm = alarm;
        this.modelVersion = modelVersion;
    }

    /** A metric seen for the first time, with no model. */
    public static MetricState fresh(String metric) {
        return new MetricState(MetricDetectors.forMetric(metric), new AnomalyAlarm(), 0);
    }

    /**
     * This state with the detector of a trained model that has seen the metric's points through
     * {@code historyThroughMillis}; the alarm carries over, and no point the model has seen is
     * scored again.
     */
    public MetricState withModel(
            EnsembleStrategy trained, long version, long historyThroughMillis) {
        MetricState out = new MetricState(trained, alarm, version);
        out.lastMillis = Math.max(lastMillis, historyThroughMillis + 1);
        return out;
    }

    /**
     * Moves the metric's clock to {@code epochMillis}; false (and no move) for a point older than
     * the last one scored, which a detector must not see out of order.
     */
    public boolean advanceTo(long epochMillis) {
        if (epochMillis < lastMillis) {
            return false;
        }
        lastMillis = epochMillis;
        return true;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(modelVersion);
        out.writeLong(lastMillis);
        alarm.writeTo(out);
        detector.writeTo(out);
    }

    /** Reads the form {@link #writeTo} wrote, or that of an earlier binary {@code version}. */
    static MetricState readFrom(DataInput in, int formVersion) throws IOException {
        long version = in.readLong();
        long last = in.readLong();
        AnomalyAlarm alarm = AnomalyAlarm.readFrom(in);
        MetricState state =
                new MetricState(EnsembleStrategy.readFrom(in, formVersion), alarm, version);
        state.lastMillis = last;
        return state;
    }

    public EnsembleStrategy detector() {
        return detector;
    }

    public AnomalyAlarm alarm() {
        return alarm;
    }

    public long modelVersion() {
        return modelVersion;
    }
}
