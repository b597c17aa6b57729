package io.dataspoke.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden test of the port: the numenta detector's published per-row outputs, scored at the
 * thresholds of NAB's {@code config/thresholds.json}, give every per-file Score, TP, TN, FP and FN
 * of NAB's {@code numenta_<profile>_scores.csv}. The files print scores with Python 2's {@code
 * str()}, 12 significant digits, so a score must match to half a unit of the 12th digit.
 */
class NabScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static NabCorpus corpus;

    @BeforeAll
    static void readCorpus() throws IOException {
        corpus =
                NabCorpus.read(
                        Fixtures.path("nab/data"),
                        Fixtures.path("nab/labels/combined_windows.json"));
    }

    /** One data row of NAB's scores CSV. */
    private record Expected(String score, int tp, int tn, int fp, int fn) {}

    private static Map<String, Expected> expected(String profile) throws IOException {
        List<String> lines =
                Files.readAllLines(
                        Fixtures.path("nab/results/numenta/numenta_" + profile + "_scores.csv"));
        assertThat(lines.get(0))
                .isEqualTo("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count");
        Map<String, Expected> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells[0].equals("Totals")) {
                continue;
            }
            rows.put(
                    cells[2],
                    new Expected(
                            cells[4],
                            Integer.parseInt(cells[5]),
                            Integer.parseInt(cells[6]),
                            Integer.parseInt(cells[7]),
                            Integer.parseInt(cells[8])));
        }
        return rows;
    }

    private static double threshold(String profile) throws IOException {
        JsonNode thresholds = JSON.readTree(Fixtures.path("nab/config/thresholds.json").toFile());
        return thresholds.path("numenta").path(profile).path("threshold").asDouble(Double.NaN);
    }

    /** Half a unit of the 12th significant digit of {@code printed}, the precision of the file. */
    private static double tolerance(String printed) {
        double value = Math.abs(Double.parseDouble(printed));
        double exponent = value == 0 ? -1 : Math.floor(Math.log10(value));
        return 0.5 * Math.pow(10, exponent - 11) * (1 + 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reward_low_FP_rate", "reward_low_FN_rate"})
    void everyFileScoresAsInNabsScoresFile(String profileName) throws IOException {
        NabProfile profile =
                NabProfile.defaults().stream()
                        .filter(p -> p.name().equals(profileName))
                        .findFirst()
                        .orElseThrow();
        NabSweeper sweeper = new NabSweeper(profile);
        double threshold = threshold(profileName);
        Map<String, Expected> expected = expected(profileName);
        Path results = Fixtures.path("nab/results");
        assertThat(corpus.series()).hasSize(34);
        assertThat(expected).hasSize(34);

        SoftAssertions softly = new SoftAssertions();
        double sum = 0;
        double expectedSum = 0;
        double sumTolerance = 0;
        int[] counts = new int[4];
        int[] expectedCounts = new int[4];
        for (NabSeries series : corpus.series()) {
            double[] scores = NabResultFiles.read(results, "numenta", series);
            ThresholdScore actual = sweeper.scoreAt(NabSweeper.sweep(series, scores), threshold);
            Expected row = expected.get(series.file());
            softly.assertThat(row).as(series.file()).isNotNull();
            if (row == null) {
                continue;
            }
            double tolerance = tolerance(row.score());
            softly.assertThat(actual.score())
                    .as("%s score", series.file())
                    .isCloseTo(Double.parseDouble(row.score()), within(tolerance));
            softly.assertThat(new int[] {actual.tp(), actual.tn(), actual.fp(), actual.fn()})
                    .as("%s TP, TN, FP, FN", series.file())
                    .containsExactly(row.tp(), row.tn(), row.fp(), row.fn());
            sum += actual.score();
            expectedSum += Double.parseDouble(row.score());
            sumTolerance += tolerance;
            counts[0] += actual.tp();
            counts[1] += actual.tn();
            counts[2] += actual.fp();
            counts[3] += actual.fn();
            expectedCounts[0] += row.tp();
            expectedCounts[1] += row.tn();
            expectedCounts[2] += row.fp();
            expectedCounts[3] += row.fn();
        }
        softly.assertThat(sum)
                .as("sum over the subset")
                .isCloseTo(expectedSum, within(sumTolerance));
        softly.assertThat(counts).as("summed counts").containsExactly(expectedCounts);
        softly.assertAll();
    }

    @Test
    void theCorpusIsTheSubsetDescribedInTheNotes() {
        assertThat(corpus.rowCount()).isEqualTo(20_160 + 24_192 + 67_740 + 9_610);
        assertThat(corpus.windowCount()).isEqualTo(6 + 30 + 14);
    }
}
