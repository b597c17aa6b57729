package io.dataspoke.quality.status;

import io.dataspoke.quality.CircuitStatus;

/**
 * One reason a dataset is not PASS: a failing check, a broken column, a failed run or an open
 * incident, with the status it calls for.
 *
 * @param key what the fact is about, e.g. {@code CHECK:freshness} or {@code INCIDENT:inc-1a2b}
 */
public record StatusFact(String key, CircuitStatus calls, String reason, long sinceMillis) {}
