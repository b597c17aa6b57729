package io.dataspoke.quality;

/**
 * What a profile says about one column; every statistic is null when the profiler did not compute
 * it.
 *
 * @param sampleValues values the profiler sampled, null when none (feeds invalid_percent)
 */
public record ColumnProfile(
        String name,
        Long nullCount,
        Double nullProportion,
        Long uniqueCount,
        Double uniqueProportion,
        String min,
        String max,
        String[] sampleValues) {}
