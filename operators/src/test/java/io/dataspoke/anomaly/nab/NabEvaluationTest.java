package io.dataspoke.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataspoke.Fixtures;
import io.dataspoke.anomaly.EwmaStrategy;
import io.dataspoke.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NabEvaluation} over two fixture files, and the files it reads and writes. */
class NabEvaluationTest {

    private static final String AD = "realAdExchange/exchange-2_cpm_results.csv";
    private static final String JUMPS = "artificialWithAnomaly/art_daily_jumpsup.csv";

    @TempDir Path dir;

    private Path windows() {
        return Fixtures.path("nab/labels/combined_windows.json");
    }

    /** A data directory holding copies of the given fixture files. */
    private Path dataDir(String... files) throws IOException {
        Path data = dir.resolve("data");
        for (String file : files) {
            Path target = data.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(Fixtures.path("nab/data/" + file), target);
        }
        return data;
    }

    @Test
    void runWritesNabResultFilesThatRescoreToTheSameReport() throws IOException {
        NabCorpus corpus = NabCorpus.read(dataDir(AD, JUMPS), windows());
        NabEvaluation evaluation = new NabEvaluation(corpus, NabProfile.defaults());
        Path out = dir.resolve("out");

        NabReport report = evaluation.run(out, EwmaStrategy::new);

        assertThat(report.detector()).isEqualTo("ewma");
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.rows()).isEqualTo(1624 + 4032);
        assertThat(report.windows()).isEqualTo(3);
        assertThat(report.rowsPerSecond()).isPositive().isFinite();
        assertThat(report.profiles())
                .extracting(NabReport.ProfileScore::profile)
                .containsExactly("standard", "reward_low_FP_rate", "reward_low_FN_rate");
        for (NabReport.ProfileScore profile : report.profiles()) {
            assertThat(profile.files())
                    .extracting(NabReport.FileScore::file)
                    .containsExactly(JUMPS, AD);
            assertThat(profile.rawScore())
                    .isEqualTo(
                            profile.files().stream().mapToDouble(NabReport.FileScore::score).sum());
            assertThat(profile.normalisedScore()).isFinite();
        }

        Path ad = out.resolve("ewma/realAdExchange/ewma_exchange-2_cpm_results.csv");
        List<String> lines = Files.readAllLines(ad);
        assertThat(lines).hasSize(1 + 1624);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines.get(1)).startsWith("2011-07-01 00:00:01,0.401048098657,").endsWith(",0");
        // The windows of exchange-2_cpm: 2011-07-24 14:00:01 to 07-27 22:00:01 (81 rows) and
        // 2011-08-09 00:00:01 to 08-12 09:00:01 (81 rows); NAB's TP + FN for this file is 162.
        assertThat(lines.stream().filter(l -> l.endsWith(",1")).count()).isEqualTo(81 + 81);
        assertThat(lines).anyMatch(l -> l.startsWith("2011-07-24 14:00:01,") && l.endsWith(",1"));
        assertThat(lines).anyMatch(l -> l.startsWith("2011-07-24 13:00:01,") && l.endsWith(",0"));
        assertThat(out.resolve("ewma/artificialWithAnomaly/ewma_art_daily_jumpsup.csv")).exists();
        assertThat(Files.readAllLines(out.resolve("ewma/ewma_standard_scores.csv")))
                .hasSize(1 + 2 + 1)
                .last()
                .asString()
                .startsWith("Totals,,,," + report.profile("standard").rawScore() + ",");

        assertThat(evaluation.rescore(out, "ewma").profiles()).isEqualTo(report.profiles());
        assertThat(evaluation.run(dir.resolve("again"), EwmaStrategy::new).profiles())
                .isEqualTo(report.profiles());
    }

    /**
     * Each category of a corpus is scored as the corpus of that category alone would be, at its own
     * threshold; a category without windows (artificialNoAnomaly) has no normalised score and is
     * left out of the categories, not of the corpus.
     */
    @Test
    void eachCategoryScoresAsACorpusOfItsOwnWould() throws IOException {
        List<String> ads =
                List.of(
                        AD,
                        "realAdExchange/exchange-3_cpc_results.csv",
                        "realAdExchange/exchange-4_cpm_results.csv");
        List<String> artificial = List.of(JUMPS, "artificialWithAnomaly/art_daily_flatmiddle.csv");
        String quiet = "artificialNoAnomaly/art_noisy.csv";
        List<String> all = new ArrayList<>(ads);
        all.addAll(artificial);
        all.add(quiet);
        NabReport whole = evaluate("whole", all);
        NabReport adsAlone = evaluate("ads", ads);
        NabReport artificialAlone = evaluate("artificial", artificial);

        for (NabReport.ProfileScore profile : whole.profiles()) {
            assertThat(profile.categories())
                    .extracting(NabReport.CategoryScore::category)
                    .containsExactly("artificialWithAnomaly", "realAdExchange");
            for (NabReport alone : List.of(artificialAlone, adsAlone)) {
                NabReport.ProfileScore expected = alone.profile(profile.profile());
                NabReport.CategoryScore category =
                        profile.categories().stream()
                                .filter(
                                        c ->
                                                c.category()
                                                        .equals(
                                                                expected.categories()
                                                                        .get(0)
                                                                        .category()))
                                .findFirst()
                                .orElseThrow();
                assertThat(category.files()).isEqualTo(alone.files());
                assertThat(category.windows()).isEqualTo(alone.windows());
                assertThat(category.threshold()).isEqualTo(expected.threshold());
                assertThat(category.rawScore()).isEqualTo(expected.rawScore());
                assertThat(category.normalisedScore()).isEqualTo(expected.normalisedScore());
            }
        }
        assertThat(whole.windows()).isEqualTo(adsAlone.windows() + artificialAlone.windows());
    }

    /**
     * The windows found and the false positives at each profile's threshold are what the per-row
     * result files show, counted here from them: a window (a run of rows labelled 1) is found when
     * a row of it after the probationary period scores at or above the threshold, and each such row
     * outside the windows is a false positive.
     */
    @Test
    void windowsFoundAndFalsePositivesAreCountedFromTheRowsDetectedAtTheThreshold()
            throws IOException {
        List<String> files =
                List.of(
                        AD,
                        "realAdExchange/exchange-3_cpc_results.csv",
                        JUMPS,
                        "artificialWithAnomaly/art_daily_flatmiddle.csv");
        NabReport report = evaluate("counts", files);

        for (NabReport.ProfileScore profile : report.profiles()) {
            int found = 0;
            int falsePositives = 0;
            for (String file : files) {
                Path rows =
                        dir.resolve("counts-out/ewma")
                                .resolve(file)
                                .resolveSibling("ewma_" + Path.of(file).getFileName());
                List<String> lines = Files.readAllLines(rows);
                int probation = NabSweeper.probationLength(lines.size() - 1);
                boolean inWindow = false;
                boolean windowFound = false;
                for (int i = probation; i < lines.size() - 1; i++) {
                    String[] row = lines.get(i + 1).split(",");
                    boolean label = row[3].equals("1");
                    boolean detected = Double.parseDouble(row[2]) >= profile.threshold();
                    if (label && !inWindow) {
                        windowFound = false;
                    }
                    if (label && detected && !windowFound) {
                        windowFound = true;
                        found++;
                    }
                    if (!label && detected) {
                        falsePositives++;
                    }
                    inWindow = label;
                }
            }
            assertThat(profile.windowsFound()).isEqualTo(found);
            assertThat(profile.falsePositives()).isEqualTo(falsePositives);
        }
        // The EWMA finds some windows of these four files, not all; a count that took every
        // window, or none, would not be tested by the comparison above.
        assertThat(report.profile("standard").windowsFound()).isBetween(1, report.windows() - 1);
    }

    private NabReport evaluate(String name, List<String> files) throws IOException {
        Path data = dir.resolve(name);
        for (String file : files) {
            Path target = data.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(Fixtures.path("nab/data/" + file), target);
        }
        return NabEvaluation.run(
                data,
                windows(),
                NabProfile.defaults(),
                dir.resolve(name + "-out"),
                EwmaStrategy::new);
    }

    @Test
    void aDataFileWithoutAnEntryInTheWindowsFileIsAnErrorNamingIt() throws IOException {
        Path data = dataDir(JUMPS);
        Files.createDirectories(data.resolve("mine"));
        Files.copy(Fixtures.path("nab/data/" + JUMPS), data.resolve("mine/series.csv"));

        assertThatThrownBy(() -> NabCorpus.read(data, windows()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("combined_windows.json")
                .hasMessageContaining("mine/series.csv");
    }

    /** A corpus put together from several places, a category linked in rather than copied. */
    @Test
    void aCategoryDirectoryLinkedIntoTheDataDirectoryIsRead() throws IOException {
        Path data = dataDir(JUMPS);
        Files.createSymbolicLink(
                data.resolve("realAdExchange"),
                Fixtures.path("nab/data/realAdExchange").toAbsolutePath());

        NabCorpus corpus = NabCorpus.read(data, windows());

        assertThat(corpus.series()).extracting(NabSeries::file).contains(JUMPS, AD).hasSize(7);
    }

    @Test
    void aWindowThatMatchesNoRowIsAnErrorNamingItsFile() throws IOException {
        Path data = dataDir(JUMPS);
        Path labels = dir.resolve("windows.json");
        Files.writeString(
                labels,
                "{\""
                        + JUMPS
                        + "\": [[\"2014-04-11 09:00:00.000000\", \"2014-04-11"
                        + " 09:01:00.000000\"]]}");

        assertThatThrownBy(() -> NabCorpus.read(data, labels))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(JUMPS)
                .hasMessageContaining("is not a timestamp of the file");
    }

    @Test
    void theProfilesFileHoldsTheBuiltInProfiles() throws IOException {
        assertThat(NabProfile.read(Fixtures.path("nab/config/profiles.json")))
                .containsExactlyElementsOf(NabProfile.defaults());
    }

    @Test
    void aCorpusTheSizeOfNabScoresInWellUnderASecondPerProfile() {
        // 58 files of 6,303 rows (365,574 rows), two windows each, distinct random scores: the
        // worst case for the sweep, one record per row.
        List<NabRow> rows = new ArrayList<>();
        for (int i = 0; i < 6303; i++) {
            rows.add(new NabRow("", 1_000_000L * i, i));
        }
        List<NabWindow> windows =
                List.of(
                        new NabWindow(
                                Instant.ofEpochMilli(1_000_000L * 2000),
                                Instant.ofEpochMilli(1_000_000L * 2300)),
                        new NabWindow(
                                Instant.ofEpochMilli(1_000_000L * 5000),
                                Instant.ofEpochMilli(1_000_000L * 5300)));
        List<NabSeries> series = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        Random random = new Random(7);
        for (int f = 0; f < 58; f++) {
            series.add(new NabSeries("c/f" + f + ".csv", rows, windows));
            scores.add(random.doubles(rows.size()).toArray());
        }
        NabEvaluation evaluation = new NabEvaluation(new NabCorpus(series), NabProfile.defaults());

        evaluation.score("random", scores, 0); // warm up
        long start = System.nanoTime();
        NabReport report = evaluation.score("random", scores, 0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.rows()).isEqualTo(58L * 6303);
        assertThat(took).as("three profiles over 365,574 rows").isLessThan(Duration.ofSeconds(3));
    }
}
