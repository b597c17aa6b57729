package io.dataspoke.anomaly.training;

/**
 * One run of the training job: every model it writes carries the run's version and time, so the
 * models of a run can be told apart from those of the runs before it.
 *
 * @param version one more than the highest version in {@code anomaly_models} when the run started
 * @param trainedAtMillis when the run started
 */
public record TrainingRun(long version, long trainedAtMillis) implements java.io.Serializable {

    public TrainingRun {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, got " + version);
        }
    }
}
