package io.dataspoke.anomaly.nab;

import java.util.List;

/**
 * The outcome of a NAB evaluation: per profile the corpus threshold, raw and normalised score and
 * the per-file rows of NAB's {@code <detector>_<profile>_scores.csv}.
 *
 * @param detector the detector's {@code name()}, also the results directory
 * @param files data files scored
 * @param rows rows over all files
 * @param windows anomaly windows scored
 * @param rowsPerSecond rows through the detector per second of time spent inside it, summed over
 *     files: the speed of one detector thread (files run in parallel); NaN when re-scored from
 *     files
 * @param profiles one entry per profile, in the order the profiles were given
 */
public record NabReport(
        String detector,
        int files,
        long rows,
        int windows,
        double rowsPerSecond,
        List<ProfileScore> profiles) {

    public NabReport {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile's result.
     *
     * @param threshold the corpus threshold that maximises the raw score
     * @param rawScore the sum of the per-file scores at that threshold (NAB's "Totals" row)
     * @param normalisedScore the NAB score: 0 for the null detector, 100 for a perfect one
     * @param windowsFound scored windows with a row detected at {@code threshold}
     * @param files per-file scores at {@code threshold}, in corpus order
     * @param categories each category with anomaly windows scored as a corpus of its own, at its
     *     own optimal threshold, in the order the categories first appear
     */
    public record ProfileScore(
            String profile,
            double threshold,
            double rawScore,
            double normalisedScore,
            int windowsFound,
            List<FileScore> files,
            List<CategoryScore> categories) {

        public ProfileScore {
            files = List.copyOf(files);
            categories = List.copyOf(categories);
        }

        /** Rows detected at {@code threshold} outside every window, probation left out. */
        public int falsePositives() {
            return files.stream().mapToInt(FileScore::fp).sum();
        }
    }

    /**
     * One category (a data subdirectory, such as realTweets) scored as if it were the whole corpus:
     * what {@code eval nab} over that directory alone gives. Not part of NAB's published score,
     * which takes one threshold for all files; it shows where a detector gains and loses.
     */
    public record CategoryScore(
            String category,
            int files,
            int windows,
            double threshold,
            double rawScore,
            double normalisedScore) {}

    /**
     * One file's row of NAB's scores CSV (its {@code Total_Count} is {@code tp + tn + fp + fn}).
     */
    public record FileScore(String file, double score, int tp, int tn, int fp, int fn) {

        static FileScore of(String file, ThresholdScore score) {
            return new FileScore(
                    file, score.score(), score.tp(), score.tn(), score.fp(), score.fn());
        }
    }

    /** The result of the profile named {@code name}. */
    public ProfileScore profile(String name) {
        return profiles.stream()
                .filter(p -> p.profile().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile " + name));
    }
}
