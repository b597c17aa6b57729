package io.dataspoke.quality.anomaly;

import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.MetricState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The isolation forests a subtask fitted last, on the heap. Keyed state holds a forest detector's
 * window but not its trees (about half a megabyte for fifty), so every read of the state would
 * otherwise refit the forest; instead the forest is lent back to the detector read, as long as the
 * detector has not refitted or moved to another model since. The least recently used forests are
 * dropped beyond the capacity; a dropped one is refitted from the window when next needed, which
 * changes nothing but the random draws of its trees.
 */
public final class FittedForests {

    private record Entry(long modelVersion, IsolationForestStrategy.Fitted fitted) {}

    private final Map<String, Entry> forests;
    private long refits;

    /**
     * @param capacity forests kept
     */
    public FittedForests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        forests =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** Before {@code state} scores: gives its forest members the forests they last fitted. */
    public void lend(String key, MetricState state) {
        Entry entry = forests.get(key);
        if (entry == null || entry.modelVersion() != state.modelVersion()) {
            return;
        }
        for (AnomalyStrategy member : state.detector().members()) {
            if (member instanceof IsolationForestStrategy forest) {
                forest.adopt(entry.fitted());
            }
        }
    }

    /** After {@code state} scored: keeps the forest its forest member now uses. */
    public void keep(String key, MetricState state) {
        for (AnomalyStrategy member : state.detector().members()) {
            if (member instanceof IsolationForestStrategy forest) {
                IsolationForestStrategy.Fitted now = forest.fitted();
                if (now == null) {
                    continue;
                }
                Entry previous = forests.get(key);
                if (previous == null || previous.fitted().forest() != now.forest()) {
                    refits++;
                    forests.put(key, new Entry(state.modelVersion(), now));
                }
            }
        }
    }

    /** Forgets the forests of {@code key}, a metric no longer watched. */
    public void forget(String key) {
        forests.remove(key);
    }

    /** Forests fitted (not lent) since start: a high rate means the capacity is too small. */
    public long refits() {
        return refits;
    }

    int size() {
        return forests.size();
    }
}
