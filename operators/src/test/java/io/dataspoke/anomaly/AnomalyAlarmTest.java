package io.dataspoke.anomaly;

import static io.dataspoke.anomaly.AnomalyAlarm.Transition.CLEARED;
import static io.dataspoke.anomaly.AnomalyAlarm.Transition.NONE;
import static io.dataspoke.anomaly.AnomalyAlarm.Transition.RAISED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnomalyAlarmTest {

    private static final AnomalyScore ORDINARY = AnomalyScore.of(0.9, 0);
    private static final AnomalyScore SUSPECT = AnomalyScore.of(AnomalyAlarm.SUSPECT, 0);
    private static final AnomalyScore CERTAIN = AnomalyScore.of(1, 0);

    @Test
    void oneSuspectPointIsNoiseTwoInARowRaiseAndTwoOrdinaryClear() {
        AnomalyAlarm alarm = new AnomalyAlarm();
        assertEquals(NONE, alarm.update(SUSPECT));
        assertEquals(NONE, alarm.update(ORDINARY));
        assertEquals(NONE, alarm.update(SUSPECT));
        assertEquals(RAISED, alarm.update(SUSPECT));
        assertEquals(NONE, alarm.update(SUSPECT));
        assertEquals(NONE, alarm.update(ORDINARY));
        assertEquals(CLEARED, alarm.update(ORDINARY));
    }

    @Test
    void aPointBeyondDoubtRaisesAloneAndWarmUpChangesNothing() {
        AnomalyAlarm alarm = new AnomalyAlarm();
        assertEquals(NONE, alarm.update(AnomalyScore.warmup()));
        assertEquals(RAISED, alarm.update(CERTAIN));
        assertEquals(NONE, alarm.update(ORDINARY));
        assertEquals(NONE, alarm.update(AnomalyScore.warmup()));
        assertEquals(CLEARED, alarm.update(ORDINARY));
    }
}
