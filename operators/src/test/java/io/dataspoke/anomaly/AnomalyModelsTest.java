package io.dataspoke.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyModelsTest {

    @Test
    void aRestoredDetectorScoresTheRestOfTheSeriesAsTheOriginalDoes() {
        EnsembleStrategy original = MetricDetectors.forMetric(MetricSample.ROWS_WRITTEN);
        Random random = new Random(11);
        long t = Series.START;
        for (int h = 0; h < 20 * 24; h++, t += Series.HOUR) {
            original.score(Point.of(t, Series.volume(t, 0.002, 0.03, random)));
        }
        EnsembleStrategy restored =
                AnomalyModels.read(AnomalyModels.write(original), EnsembleStrategy.class);
        for (int h = 0; h < 7 * 24; h++, t += Series.HOUR) {
            Point p = Point.of(t, Series.volume(t, 0.002, 0.03, random));
            assertEquals(original.score(p), restored.score(p), "hour " + h);
        }
    }

    @Test
    void aRestoredForestVotesAtOnce() {
        EnsembleStrategy profile = MetricDetectors.forMetric(MetricSample.PROFILE);
        Random random = new Random(12);
        AnomalyScore last = null;
        for (int i = 0; i < 400; i++) {
            last =
                    profile.score(
                            new Point(i, new double[] {1000 + random.nextGaussian(), 0.01, 12}));
        }
        assertFalse(last.warmingUp());
        EnsembleStrategy restored =
                AnomalyModels.read(AnomalyModels.write(profile), EnsembleStrategy.class);
        assertFalse(restored.score(new Point(400, new double[] {1000, 0.01, 12})).warmingUp());
    }

    @Test
    void bytesThatAreNotADetectorAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out =
                new ObjectOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
            out.writeObject(new java.net.URI("http://example.com"));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> AnomalyModels.read(bytes.toByteArray(), EnsembleStrategy.class));
        assertThrows(
                IllegalArgumentException.class,
                () -> AnomalyModels.read(new byte[] {1, 2, 3}, EnsembleStrategy.class));
    }
}
