package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

    /**
     * Counted over the values remembered, whichever way they lie in the ring: before it wraps,
     * after (1 to 12 in a ring of 5 holds 8 to 12), and after the oldest is dropped.
     */
    @Test
    void valuesAtLeastAThresholdAreCountedAmongThoseRemembered() {
        RecentValues values = new RecentValues(5);
        assertEquals(0, values.countAtLeast(Double.NEGATIVE_INFINITY));
        values.add(3);
        values.add(1);
        values.add(2);
        assertEquals(2, values.countAtLeast(2));
        for (int v = 4; v <= 12; v++) {
            values.add(v);
        }
        assertEquals(5, values.countAtLeast(8));
        assertEquals(3, values.countAtLeast(10));
        assertEquals(0, values.countAtLeast(12.5));
        values.dropOldest();
        assertEquals(4, values.countAtLeast(8));
        assertEquals(4, values.countAtLeast(Double.NEGATIVE_INFINITY));
    }
}
