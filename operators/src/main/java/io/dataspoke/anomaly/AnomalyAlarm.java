package io.dataspoke.anomaly;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * When a metric's anomaly scores become an alarm and when the alarm ends. One unusual point in
 * thousands of series is noise; an unusual point followed by another, or one beyond doubt, is not.
 * A raised alarm clears after as many ordinary points in a row.
 *
 * <p>Scores are the ensemble's, so the bounds read as z-scores: {@link #SUSPECT} is a 4-sigma
 * deviation and {@link #CERTAIN} a 7-sigma one.
 */
public final class AnomalyAlarm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Two-sided tail of 4 standard deviations: 1 - 6.3e-5. */
    public static final double SUSPECT = smile.math.special.Erf.erf(4 / Math.sqrt(2));

    /** Two-sided tail of 7 standard deviations: 1 - 2.6e-12. */
    public static final double CERTAIN = smile.math.special.Erf.erf(7 / Math.sqrt(2));

    /** Suspect points in a row that raise an alarm, and ordinary ones that clear it. */
    public static final int CONSECUTIVE = 2;

    /** What a score did to the alarm. */
    public enum Transition {
        NONE,
        RAISED,
        CLEARED
    }

    private int suspects;
    private int ordinary;
    private boolean raised;

    /** Feeds the next score of the metric. Warm-up scores change nothing. */
    public Transition update(AnomalyScore score) {
        if (score.warmingUp()) {
            return Transition.NONE;
        }
        if (score.score() >= SUSPECT) {
            suspects++;
            ordinary = 0;
            if (!raised && (score.score() >= CERTAIN || suspects >= CONSECUTIVE)) {
                raised = true;
                return Transition.RAISED;
            }
            return Transition.NONE;
        }
        suspects = 0;
        ordinary++;
        if (raised && ordinary >= CONSECUTIVE) {
            raised = false;
            return Transition.CLEARED;
        }
        return Transition.NONE;
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(suspects);
        out.writeInt(ordinary);
        out.writeBoolean(raised);
    }

    static AnomalyAlarm readFrom(DataInput in) throws IOException {
        AnomalyAlarm alarm = new AnomalyAlarm();
        alarm.suspects = in.readInt();
        alarm.ordinary = in.readInt();
        alarm.raised = in.readBoolean();
        return alarm;
    }

    /** Whether the alarm is up. */
    public boolean raised() {
        return raised;
    }
}
