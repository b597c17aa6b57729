package io.dataspoke.anomaly;

import static io.dataspoke.anomaly.Series.HOUR;
import static io.dataspoke.anomaly.Series.START;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricDetectorsTest {

    /**
     * Hourly loads whose 14:00 load swings by 30% while every other hour's swings by 2%. Five weeks
     * in, a volume judges each hour against at least its own noise, which it counts from four weeks
     * in, two weeks after its weekly profile starts voting: a 14:00 load 25% above what it expects
     * is that hour's ordinary swing and scores below 0.9. The default's 96 residuals per hour count
     * only from nine weeks in, so against the pooled noise the same load scores above 0.999. A 25%
     * rise at 03:00 is news either way. Twenty weeks in, when both have filled their hours, a
     * volume's state is at least 12 KB smaller.
     */
    @Test
    void aVolumesHoursCountFromFourWeeksIn() throws IOException {
        EnsembleStrategy volume = MetricDetectors.forMetric(MetricSample.ROW_COUNT);
        EnsembleStrategy slowHours =
                new EnsembleStrategy(
                        volume.config(),
                        List.of(
                                () ->
                                        new SeasonalStrategy(
                                                SeasonalStrategy.Config.defaults()
                                                        .withDailyFallback(false))));
        Random random = new Random(5);
        long t = feed(START, 5, random, volume, slowHours);
        // Monday 00:00 of the sixth week.
        assertTrue(riseOf(volume, t + 3 * HOUR) > 0.999, "03:00, with its hours");
        assertTrue(riseOf(slowHours, t + 3 * HOUR) > 0.999, "03:00, 96 per hour");
        double busy = riseOf(volume, t + 14 * HOUR);
        assertTrue(busy < 0.9, "14:00, with its hours: " + busy);
        double pooled = riseOf(slowHours, t + 14 * HOUR);
        assertTrue(pooled > 0.999, "14:00, 96 per hour: " + pooled);

        feed(t + 24 * HOUR, 15, random, volume, slowHours);
        int saved = stateBytes(slowHours) - stateBytes(volume);
        assertTrue(saved > 12_000, "bytes saved: " + saved);
    }

    /** Feeds {@code weeks} of hourly loads from {@code from} to each detector; the time after. */
    private static long feed(long from, int weeks, Random random, EnsembleStrategy... detectors) {
        long t = from;
        for (; t < from + weeks * 7 * 24 * HOUR; t += HOUR) {
            int hour = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getHour();
            double v = 1_000 * (1 + (hour == 14 ? 0.3 : 0.02) * random.nextGaussian());
            for (EnsembleStrategy d : detectors) {
                d.score(Point.of(t, v));
            }
        }
        return t;
    }

    /**
     * The score of a load at {@code t} 25% above what {@code detector} expects then, which a copy
     * of it is asked first.
     */
    private static double riseOf(EnsembleStrategy detector, long t) {
        EnsembleStrategy copy =
                AnomalyModels.read(AnomalyModels.write(detector), EnsembleStrategy.class);
        double expected = copy.score(Point.of(t, 1_000)).expected();
        return detector.score(Point.of(t, 1.25 * expected)).score();
    }

    /** The size of {@code detector}'s binary form, as Flink state holds it, uncompressed. */
    private static int stateBytes(EnsembleStrategy detector) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        detector.writeTo(new DataOutputStream(bytes));
        return bytes.size();
    }
}
