package io.dataspoke.anomaly;

import java.io.Serializable;

/**
 * A streaming anomaly detector: it scores each new point against the history it has seen so far and
 * only then learns from it, so no score ever depends on a later point.
 *
 * <p>Implementations are plain Java, single-threaded, and hold one series each: the Flink operators
 * keep one per dataset metric, the NAB evaluation one per file. They are {@link Serializable}: a
 * trained detector is stored as a model ({@link AnomalyModels}) and in Flink state.
 */
public interface AnomalyStrategy extends Serializable {

    /** Scores {@code point} against the history seen so far, then adds it to that history. */
    AnomalyScore score(Point point);

    /** Short, stable name used in outputs and benchmarks: {@code seasonal}, {@code ewma}, … */
    String name();
}
