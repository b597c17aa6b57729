package io.dataspoke.aspect;

import java.util.List;
import java.util.Optional;

/**
 * A time-series profile of a dataset's contents ({@code datasetProfile}).
 *
 * @param rowCount null when the profiler did not count
 */
public record DatasetProfile(
        long timestampMillis,
        Long rowCount,
        Long columnCount,
        Long sizeInBytes,
        List<FieldProfile> fieldProfiles)
        implements Aspect {

    public static final String NAME = "datasetProfile";

    @Override
    public String aspectName() {
        return NAME;
    }

    /** The profile of the field with exactly this {@code fieldPath}. */
    public Optional<FieldProfile> field(String fieldPath) {
        return fieldProfiles.stream().filter(f -> f.fieldPath().equals(fieldPath)).findFirst();
    }

    /**
     * Statistics of one field; every statistic is null when the profiler did not compute it.
     *
     * @param sampleValues values the profiler sampled, empty when none
     */
    public record FieldProfile(
            String fieldPath,
            Long uniqueCount,
            Double uniqueProportion,
            Long nullCount,
            Double nullProportion,
            String min,
            String max,
            String mean,
            String median,
            String stdev,
            List<String> sampleValues) {}
}
