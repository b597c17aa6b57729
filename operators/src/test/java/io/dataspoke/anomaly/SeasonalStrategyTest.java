package io.dataspoke.anomaly;

import static io.dataspoke.anomaly.Series.HOUR;
import static io.dataspoke.anomaly.Series.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalStrategyTest {

    private static final SeasonalStrategy.Config WEEKLY_ONLY =
            SeasonalStrategy.Config.defaults().withDailyFallback(false);

    @Test
    void aMondayMorningTwentyPercentLowIsCaughtThroughTrendAndWeekends() {
        SeasonalStrategy seasonal = new SeasonalStrategy(WEEKLY_ONLY);
        Random random = new Random(7);
        double worstWeekend = 0;
        double worstNormal = 0;
        long hours = 28 * 24;
        long drop = START + (21 * 24 + 9) * HOUR; // the fourth Monday, 09:00
        AnomalyScore atDrop = null;
        double normal = 0;
        for (long h = 0; h < hours; h++) {
            long t = START + h * HOUR;
            double v = Series.volume(t, 0.01, 0.03, random);
            if (t == drop) {
                normal = Series.volume(t, 0.01, 0, new Random(0));
                v = 0.8 * normal;
            }
            AnomalyScore s = seasonal.score(Point.of(t, v));
            // Two complete weeks, then one point for the level and the residuals to judge noise by.
            assertEquals(
                    h < 14 * 24 + 1 + SeasonalStrategy.MIN_RESIDUALS, s.warmingUp(), "hour " + h);
            if (t == drop) {
                atDrop = s;
            } else if (!s.warmingUp()) {
                DayOfWeek day = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek();
                boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
                if (weekend) {
                    worstWeekend = Math.max(worstWeekend, s.score());
                } else {
                    worstNormal = Math.max(worstNormal, s.score());
                }
            }
        }
        assertTrue(atDrop.score() > 0.9999, "the drop scored " + atDrop.score());
        // The expectation follows the trend: within 5% of a normal Monday 09:00 of that week.
        assertEquals(normal, atDrop.expected(), 0.05 * normal);
        assertTrue(worstWeekend < 0.9999, "a weekend hour scored " + worstWeekend);
        assertTrue(worstNormal < 0.9999, "a normal hour scored " + worstNormal);
        assertEquals(SeasonalStrategy.Profile.WEEKLY, seasonal.lastProfile());
    }

    @Test
    void withoutTheLevelTheTrendAloneWouldLookLikeTheDrop() {
        // The same week-4 Monday at its normal value: the weekly medians lag a 1%/day trend by
        // about 14%, which the level absorbs.
        SeasonalStrategy seasonal = new SeasonalStrategy(WEEKLY_ONLY);
        Random random = new Random(7);
        AnomalyScore last = null;
        double v = 0;
        for (long h = 0; h <= 21 * 24 + 9; h++) {
            long t = START + h * HOUR;
            v = Series.volume(t, 0.01, 0.03, random);
            last = seasonal.score(Point.of(t, v));
        }
        assertTrue(last.score() < 0.999, "a normal Monday scored " + last.score());
        assertTrue(v > 1.08 * medianOfEarlierMondays(), "the trend should have moved the level");
    }

    private static double medianOfEarlierMondays() {
        // Mondays 09:00 of weeks 2 and 3 without noise; their median is the weekly baseline.
        return Series.volume(START + (7 * 24 + 9) * HOUR, 0.01, 0, new Random(0)) / 2
                + Series.volume(START + (14 * 24 + 9) * HOUR, 0.01, 0, new Random(0)) / 2;
    }

    @Test
    void theDailyProfileVotesAfterThreeDaysWhenAllowed() {
        SeasonalStrategy seasonal = new SeasonalStrategy();
        Random random = new Random(3);
        for (long h = 0; h < 5 * 24; h++) {
            long t = START + h * HOUR;
            AnomalyScore s = seasonal.score(Point.of(t, Series.volume(t, 0, 0.02, random)));
            if (h >= 4 * 24) {
                assertTrue(!s.warmingUp(), "hour " + h);
                assertEquals(SeasonalStrategy.Profile.DAILY, seasonal.lastProfile());
            }
        }
    }

    @Test
    void seriesThatCrossZeroAreJudgedByDifferences() {
        SeasonalStrategy seasonal = new SeasonalStrategy();
        Random random = new Random(4);
        AnomalyScore spike = null;
        for (long h = 0; h < 10 * 24; h++) {
            long t = START + h * HOUR;
            double v = Math.sin(2 * Math.PI * h / 24) + 0.05 * random.nextGaussian();
            if (h == 9 * 24 + 6) {
                v = 0; // the daily peak (1.0) missing
            }
            AnomalyScore s = seasonal.score(Point.of(t, v));
            if (h == 9 * 24 + 6) {
                spike = s;
            }
        }
        assertTrue(spike.score() > 0.999, "the missing peak scored " + spike.score());
        assertEquals(1.0, spike.expected(), 0.1);
    }

    /**
     * Five-minute points of a daily wave that drops to 60% and stays there. The level is the last
     * day's, not the last 24 points' (two hours here): three hours into the drop it is still news,
     * where a level of 24 points would have taken it as the new normal.
     */
    @Test
    void theLevelIsTheLastDaysWhateverTheSamplingRate() {
        SeasonalStrategy.Config byPoints =
                new SeasonalStrategy.Config(ZoneOffset.UTC, 2, 3, true, 8, 24, 0, 168, 0.01, 0);
        double[] day = dropped(SeasonalStrategy.Config.defaults());
        double[] points = dropped(byPoints);
        int threeHoursIn = 36;
        assertTrue(day[threeHoursIn] > 0.9999, "a day's level: " + day[threeHoursIn]);
        assertTrue(points[threeHoursIn] < 0.99, "24 points' level: " + points[threeHoursIn]);
    }

    /** The scores of the 48 five-minute points after the drop, five days in. */
    private static double[] dropped(SeasonalStrategy.Config config) {
        SeasonalStrategy seasonal = new SeasonalStrategy(config);
        Random random = new Random(11);
        long step = 300_000L;
        int drop = 5 * 288;
        double[] after = new double[48];
        for (int i = 0; i < drop + after.length; i++) {
            long t = START + i * step;
            double wave = 100 + 50 * Math.sin(2 * Math.PI * i / 288.0);
            double v = wave * (1 + 0.02 * random.nextGaussian()) * (i >= drop ? 0.6 : 1);
            AnomalyScore s = seasonal.score(Point.of(t, v));
            if (i >= drop) {
                after[i - drop] = s.score();
            }
        }
        return after;
    }

    /**
     * Five-minute points around 100, eight times noisier from 12:00 to 18:00 than at other hours.
     * After ten days, 108 at 14:00 is an ordinary busy-hour point: with the hour's own residuals it
     * scores below 0.9, against the pooled ones above 0.999. 108 at 03:00 is eight times the
     * night's noise, and scores above 0.999 either way. Written in the binary form and read back,
     * the hours are kept: the copy scores the same.
     */
    @Test
    void aBusyHourIsJudgedAgainstItsOwnNoise() throws Exception {
        SeasonalStrategy hours = new SeasonalStrategy(SeasonalStrategy.Config.defaults());
        SeasonalStrategy pooled =
                new SeasonalStrategy(SeasonalStrategy.Config.defaults().withHourScaleWindow(0));
        Random random = new Random(3);
        long fiveMinutes = 300_000L;
        long t = START;
        for (; t < START + 10 * 24 * HOUR; t += fiveMinutes) {
            int hour = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getHour();
            double v = 100 + (hour >= 12 && hour < 18 ? 8 : 1) * random.nextGaussian();
            hours.score(Point.of(t, v));
            pooled.score(Point.of(t, v));
        }
        Point night = Point.of(t + 3 * HOUR, 108);
        Point afternoon = Point.of(t + 14 * HOUR, 108);
        double quiet = hours.score(night).score();
        assertTrue(quiet > 0.999, "night, with the hours' noise: " + quiet);
        double quietPooled = pooled.score(night).score();
        assertTrue(quietPooled > 0.999, "night, with the pooled noise: " + quietPooled);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DetectorCodec.writeMember(new java.io.DataOutputStream(bytes), hours);
        AnomalyStrategy copy =
                DetectorCodec.readMember(
                        new java.io.DataInputStream(
                                new java.io.ByteArrayInputStream(bytes.toByteArray())),
                        5);
        double busy = hours.score(afternoon).score();
        assertTrue(busy < 0.9, "afternoon, with the hours' noise: " + busy);
        assertEquals(busy, copy.score(afternoon).score(), "the copy read back");
        double againstPool = pooled.score(afternoon).score();
        assertTrue(againstPool > 0.999, "afternoon, with the pooled noise: " + againstPool);
    }

    /** An hour that keeps fewer residuals than a spread is worth judging from is refused. */
    @Test
    void anHourScaleWindowBelowEightIsRefused() {
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> SeasonalStrategy.Config.defaults().withHourScaleWindow(7));
        assertTrue(e.getMessage().contains("hourScaleWindow must be 0"), e.getMessage());
    }
}
