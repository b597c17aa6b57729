package io.dataspoke.anomaly.training;

import static io.dataspoke.anomaly.training.Loads.DATASET;
import static io.dataspoke.anomaly.training.Loads.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.dataspoke.anomaly.AnomalyAlarm;
import io.dataspoke.anomaly.AnomalyModels;
import io.dataspoke.anomaly.AnomalyScore;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.MetricSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelTrainer} on four weeks of hourly load volumes of one dataset, whose Monday morning
 * (07:00 to 11:00) ran 20% low in weeks 2 and 3, each time recorded as an incident; then the Monday
 * of week 5, on which the drop happens again.
 */
class AnomalyTrainingTest {

    /** The Mondays, as days after the first one. */
    private static final int WEEK_2 = 7;

    private static final int WEEK_3 = 14;
    private static final int WEEK_5 = 28;

    private static final int HISTORY_HOURS = 4 * 7 * 24;

    /** Hourly points of each drop: 07:00, 08:00, 09:00 and 10:00. */
    private static final int DROP_POINTS = 4;

    /**
     * Over seeds 1 to 200 the model trained without the incidents flags the repeat for 191 and the
     * one trained on them stays quiet for 195 (186 both): with 3% noise a 20% drop is some 5
     * standard deviations from a normal Monday and 3 from one the model thinks is 10% lower.
     */
    private static final long SEED = 3;

    /** The history, then the 24 hours of the Monday of week 5. */
    private record Scenario(List<MetricSample> history, List<MetricSample> week5Monday) {}

    private static Scenario scenario(long seed) {
        Loads loads = new Loads(seed);
        List<MetricSample> history = new ArrayList<>();
        List<MetricSample> monday = new ArrayList<>();
        for (long h = 0; h < HISTORY_HOURS + 24; h++) {
            long t = at(h);
            double rows = loads.volume(t);
            int day = (int) (h / 24);
            if ((day == WEEK_2 || day == WEEK_3 || day == WEEK_5) && inDrop(h % 24)) {
                rows *= 0.8;
            }
            (h < HISTORY_HOURS ? history : monday).add(Loads.operation(t, rows));
        }
        return new Scenario(history, monday);
    }

    private static boolean inDrop(long hourOfDay) {
        return hourOfDay >= 7 && hourOfDay < 7 + DROP_POINTS;
    }

    /** The drop of the Monday {@code day} days after the first, as its incident recorded it. */
    private static Interval drop(int day) {
        return new Interval(at(day, 7), at(day, 7 + DROP_POINTS));
    }

    private static final List<Interval> INCIDENTS = List.of(drop(WEEK_2), drop(WEEK_3));

    private static TrainedModel train(
            List<MetricSample> history, List<Interval> incidents, List<NormalMark> normal) {
        List<TrainedModel> models = ModelTrainer.train(DATASET, history, incidents, normal);
        assertThat(models).extracting(TrainedModel::metric).containsExactly("rows_written");
        return models.get(0);
    }

    /** The model as the streaming job gets it: written to its row and read back. */
    private static EnsembleStrategy restored(TrainedModel model) {
        AnomalyModelRow row = AnomalyModelRow.of(model, new TrainingRun(1, at(WEEK_5, 0)));
        assertThat(row.detector()).isEqualTo("ensemble");
        return AnomalyModels.read(row.state(), EnsembleStrategy.class);
    }

    /** Scores of the 24 hours of the Monday of week 5, continuing from the model. */
    private static List<AnomalyScore> scoreMonday(EnsembleStrategy detector, Scenario s) {
        List<AnomalyScore> scores = new ArrayList<>();
        for (MetricSample sample : s.week5Monday()) {
            scores.add(detector.score(sample.points().get(0).point()));
        }
        return scores;
    }

    /**
     * The longest run of scores at or above {@link AnomalyAlarm#SUSPECT} among the drop's hours.
     */
    private static int suspectsInARow(List<AnomalyScore> monday) {
        int longest = 0;
        int run = 0;
        for (int h = 7; h < 7 + DROP_POINTS; h++) {
            AnomalyScore s = monday.get(h);
            run = !s.warmingUp() && s.score() >= AnomalyAlarm.SUSPECT ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    @Test
    void aModelTrainedWithoutTheIncidentsFlagsTheirRepeatAndOneTrainedOnThemDoesNot() {
        Scenario s = scenario(SEED);
        List<AnomalyScore> honouring =
                scoreMonday(restored(train(s.history(), INCIDENTS, List.of())), s);
        List<AnomalyScore> ignoring =
                scoreMonday(restored(train(s.history(), List.of(), List.of())), s);

        assertThat(suspectsInARow(honouring))
                .as(
                        "4-sigma points in a row from the model trained without the incidents: %s",
                        honouring.subList(7, 11))
                .isGreaterThanOrEqualTo(AnomalyAlarm.CONSECUTIVE);
        assertThat(suspectsInARow(ignoring))
                .as(
                        "4-sigma points in a row from the model trained on the incidents: %s",
                        ignoring.subList(7, 11))
                .isLessThan(AnomalyAlarm.CONSECUTIVE);

        // Why: without the incidents the Monday 08:00 slot holds weeks 1 and 4, so the model
        // expects a normal morning; with them its median lies halfway between normal and 20% low.
        double normal = Loads.typical(at(WEEK_5, 8));
        assertThat(honouring.get(8).expected()).isCloseTo(normal, withinPercentage(5));
        assertThat(ignoring.get(8).expected()).isLessThan(0.93 * normal);
        // Neither takes the normal hours before the drop for an anomaly.
        for (int h = 0; h < 7; h++) {
            assertThat(honouring.get(h).score()).as("hour %d", h).isLessThan(AnomalyAlarm.SUSPECT);
            assertThat(ignoring.get(h).score()).as("hour %d", h).isLessThan(AnomalyAlarm.SUSPECT);
        }
    }

    @Test
    void excludedPointsAreCountedExactlyAndANormalMarkPutsItsPointsBack() {
        List<MetricSample> history = scenario(SEED).history();

        TrainedModel all = train(history, List.of(), List.of());
        assertThat(all.points()).isEqualTo(HISTORY_HOURS);
        assertThat(all.excluded()).isZero();

        TrainedModel clean = train(history, INCIDENTS, List.of());
        assertThat(clean.points()).isEqualTo(HISTORY_HOURS - 2 * DROP_POINTS);
        assertThat(clean.excluded()).isEqualTo(2 * DROP_POINTS);
        assertThat(clean.historyFromMillis()).isEqualTo(at(0));
        assertThat(clean.historyThroughMillis()).isEqualTo(at(HISTORY_HOURS - 1));

        // "Week 2 was normal", for every metric of the dataset or for this one.
        for (String metric : new String[] {null, MetricSample.ROWS_WRITTEN}) {
            TrainedModel marked =
                    train(history, INCIDENTS, List.of(new NormalMark(metric, drop(WEEK_2))));
            assertThat(marked.points()).as(metric).isEqualTo(clean.points() + DROP_POINTS);
            assertThat(marked.excluded()).as(metric).isEqualTo(DROP_POINTS);
        }
        // A mark on another metric, or outside the incidents, changes nothing.
        TrainedModel elsewhere =
                train(
                        history,
                        INCIDENTS,
                        List.of(
                                new NormalMark(MetricSample.ROW_COUNT, drop(WEEK_2)),
                                new NormalMark(null, drop(WEEK_2 + 1))));
        assertThat(elsewhere.points()).isEqualTo(clean.points());
        // A mark on part of the window puts back only that part: 07:00 and 08:00.
        TrainedModel half =
                train(
                        history,
                        INCIDENTS,
                        List.of(new NormalMark(null, new Interval(at(WEEK_3, 7), at(WEEK_3, 9)))));
        assertThat(half.excluded()).isEqualTo(2 * DROP_POINTS - 2);
    }

    @Test
    void anOpenIncidentLeavesOutEverythingFromItsStartToTheEndOfTheHistory() {
        List<MetricSample> history = scenario(SEED).history();
        TrainedModel model =
                train(history, List.of(Interval.since(at(HISTORY_HOURS - 12))), List.of());

        assertThat(model.excluded()).isEqualTo(12);
        assertThat(model.points()).isEqualTo(HISTORY_HOURS - 12);
        assertThat(model.historyThroughMillis()).isEqualTo(at(HISTORY_HOURS - 1));
    }

    @Test
    void theOrderOfTheSamplesDoesNotMatter() {
        Scenario s = scenario(SEED);
        List<MetricSample> shuffled = new ArrayList<>(s.history());
        Collections.shuffle(shuffled, new Random(1));

        List<AnomalyScore> inOrder =
                scoreMonday(train(s.history(), INCIDENTS, List.of()).detector(), s);
        List<AnomalyScore> outOfOrder =
                scoreMonday(train(shuffled, INCIDENTS, List.of()).detector(), s);

        assertThat(outOfOrder).isEqualTo(inOrder);
    }

    @Test
    void aTrainedModelReadBackFromItsRowScoresAsTheOriginalDoes() {
        Scenario s = scenario(SEED);
        TrainedModel model = train(s.history(), INCIDENTS, List.of());
        AnomalyModelRow row = AnomalyModelRow.of(model, new TrainingRun(7, at(WEEK_5, 0)));

        assertThat(row.version()).isEqualTo(7);
        assertThat(row.points()).isEqualTo(model.points());
        assertThat(row.excluded()).isEqualTo(model.excluded());
        EnsembleStrategy restored = AnomalyModels.read(row.state(), EnsembleStrategy.class);
        // Scoring week 5 moves the original on; the restored copy must follow it point by point.
        List<AnomalyScore> original = scoreMonday(model.detector(), s);
        assertThat(scoreMonday(restored, s)).isEqualTo(original);
        assertThat(original.get(8).warmingUp()).isFalse();
    }

    @Test
    void everyMetricOfAProfileIsTrainedAndLeftOutAlike() {
        List<MetricSample> profiles = new ArrayList<>();
        Random random = new Random(5);
        for (long h = 0; h < 72; h++) {
            long rows = 1_000_000 + h * 100;
            long nulls = Math.round(rows * (0.02 + 0.002 * random.nextGaussian()));
            profiles.add(
                    new MetricSample(
                            DATASET,
                            at(h),
                            MetricSample.Kind.PROFILE,
                            rows,
                            12,
                            null,
                            Map.of("email", nulls)));
        }
        // An operation that did not say how many rows it wrote yields no point.
        profiles.add(
                new MetricSample(
                        DATASET, at(5), MetricSample.Kind.OPERATION, null, null, null, Map.of()));
        List<Interval> incidents = List.of(new Interval(at(24), at(30)));
        List<NormalMark> normal =
                List.of(
                        new NormalMark(
                                MetricSample.nullRatio("email"), new Interval(at(24), at(27))));

        List<TrainedModel> models = ModelTrainer.train(DATASET, profiles, incidents, normal);

        assertThat(models)
                .extracting(m -> m.metric() + " " + m.points() + " " + m.excluded())
                .containsExactly("null_ratio(email) 69 3", "profile 66 6", "row_count 66 6");
        assertThat(models).allSatisfy(m -> assertThat(m.datasetUrn()).isEqualTo(DATASET));
    }
}
