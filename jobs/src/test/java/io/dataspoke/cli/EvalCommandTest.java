package io.dataspoke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.anomaly.AnomalyStrategy;
import io.dataspoke.anomaly.EnsembleStrategy;
import io.dataspoke.anomaly.IsolationForestStrategy;
import io.dataspoke.anomaly.SeasonalStrategy;
import io.dataspoke.anomaly.nab.NabEvaluation;
import io.dataspoke.anomaly.nab.NabProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataspoke eval nab} on two files of the NAB fixture. */
class EvalCommandTest {

    private static final List<String> FILES =
            List.of(
                    "realAdExchange/exchange-2_cpm_results.csv",
                    "artificialWithAnomaly/art_daily_jumpsup.csv");

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path nab(String relative) {
        String root = System.getProperty("dataspoke.fixtures");
        assertThat(root).as("system property dataspoke.fixtures (surefire sets it)").isNotBlank();
        Path path = Path.of(root, "nab", relative);
        assertThat(path).as("NAB fixture").exists();
        return path;
    }

    private int run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return DataSpokeCli.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /**
     * {@code dataspoke eval nab} over {@code data} with the fixture's windows, then {@code more}.
     */
    private int evalNab(Path data, String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "eval",
                                "nab",
                                "--data",
                                data.toString(),
                                "--labels",
                                nab("labels/combined_windows.json").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** A data directory holding copies of the given fixture files. */
    private Path copied(List<String> files) throws IOException {
        Path data = dir.resolve("data");
        for (String file : files) {
            Files.createDirectories(data.resolve(file).getParent());
            Files.copy(nab("data/" + file), data.resolve(file));
        }
        return data;
    }

    @Test
    void scoresTheDetectorForEachProfileAsJson() throws IOException {
        Path data = copied(FILES);
        Path results = dir.resolve("results");

        int exit =
                evalNab(
                        data,
                        "--profiles",
                        nab("config/profiles.json").toString(),
                        "--out",
                        results.toString(),
                        "--json");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.path("detector").asText()).isEqualTo("ensemble");
        assertThat(report.path("config").path("horizons").asInt()).isEqualTo(4);
        assertThat(report.path("config").path("longWindow").asInt()).isEqualTo(4000);
        assertThat(report.path("files").asInt()).isEqualTo(2);
        assertThat(report.path("rows").asLong()).isEqualTo(1624 + 4032);
        assertThat(report.path("windows").asInt()).isEqualTo(3);
        JsonNode profiles = report.path("profiles");
        assertThat(profiles.fieldNames())
                .toIterable()
                .containsExactly("standard", "reward_low_FP_rate", "reward_low_FN_rate");
        for (JsonNode profile : profiles) {
            for (String field : List.of("threshold", "rawScore", "score")) {
                assertThat(profile.path(field).isNumber()).as(profile + " " + field).isTrue();
                assertThat(profile.path(field).asDouble()).isFinite();
            }
            assertThat(profile.path("windowsFound").asInt()).isBetween(0, 3);
            assertThat(profile.path("falsePositives").isInt()).as(profile.toString()).isTrue();
            assertThat(profile.path("categories").fieldNames())
                    .toIterable()
                    .containsExactly("artificialWithAnomaly", "realAdExchange");
            assertThat(profile.path("categories").path("realAdExchange").path("windows").asInt())
                    .isEqualTo(2);
        }
        assertThat(results.resolve("ensemble/realAdExchange/ensemble_exchange-2_cpm_results.csv"))
                .exists();
    }

    /**
     * The printed report gives, per profile, the windows found and the false positives at its
     * threshold, the same counts the JSON gives.
     */
    @Test
    void thePrintedReportCountsTheWindowsFoundAndTheFalsePositives() throws IOException {
        Path data = copied(FILES);

        int printed = evalNab(data, "--out", dir.resolve("printed").toString());
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int json = evalNab(data, "--out", dir.resolve("json").toString(), "--json");

        assertThat(printed).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(json).isZero();
        JsonNode standard =
                new ObjectMapper()
                        .readTree(out.toString(StandardCharsets.UTF_8))
                        .path("profiles")
                        .path("standard");
        assertThat(text).containsPattern("profile +threshold +raw score +score +windows found");
        assertThat(text)
                .containsPattern(
                        "standard +\\S+ +\\S+ +\\S+ +"
                                + standard.path("windowsFound").asInt()
                                + " of 3 +"
                                + standard.path("falsePositives").asInt()
                                + "\\n");
    }

    /**
     * Another forest seed grows other trees: the scores are those of the ensemble with that seed,
     * which differ from the default seed's, and the report gives the seed.
     */
    @Test
    void theForestIsGrownFromTheSeedGivenAndTheReportSaysSo() throws IOException {
        Path data = copied(FILES.subList(0, 1));

        int exit = evalNab(data, "--out", dir.resolve("results").toString(), "--forest-seed", "7");
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int json =
                evalNab(
                        data,
                        "--out",
                        dir.resolve("json").toString(),
                        "--forest-seed",
                        "7",
                        "--json");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(json).isZero();
        assertThat(text).contains("forest seed 7");
        JsonNode forest =
                new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("forest");
        assertThat(forest.path("seed").asLong()).isEqualTo(7);
        assertThat(forest.path("trees").asInt())
                .isEqualTo(IsolationForestStrategy.Config.defaults().trees());
        IsolationForestStrategy.Config seven =
                IsolationForestStrategy.Config.defaults().withSeed(7);
        assertScoredAs(data, () -> new EnsembleStrategy(EnsembleStrategy.Config.defaults(), seven));
    }

    /** One value moved, the rest the defaults; the report says what it scored. */
    @Test
    void theEnsembleIsScoredAsItsOptionsSayAndTheReportSaysSo() throws IOException {
        Path data = copied(FILES.subList(0, 1));

        int exit =
                evalNab(
                        data,
                        "--out",
                        dir.resolve("results").toString(),
                        "--horizons",
                        "1",
                        "--long-window",
                        "2000",
                        "--min-history",
                        "150",
                        "--context-window",
                        "24",
                        "--precedent",
                        "3.5",
                        "--hour-scale-window",
                        "48",
                        "--json");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode config = report.path("config");
        assertThat(config.path("horizons").asInt()).isEqualTo(1);
        assertThat(config.path("longWindow").asInt()).isEqualTo(2000);
        assertThat(config.path("minHistory").asInt()).isEqualTo(150);
        assertThat(config.path("contextWindow").asInt()).isEqualTo(24);
        assertThat(config.path("precedent").asDouble()).isEqualTo(3.5);
        assertThat(report.path("seasonal").path("hourScaleWindow").asInt()).isEqualTo(48);
        assertThat(config.path("corroboration").asDouble()).isEqualTo(0.7);

        EnsembleStrategy.Config asGiven =
                EnsembleStrategy.Config.defaults()
                        .withHorizons(1)
                        .withLongWindow(2000)
                        .withMinHistory(150)
                        .withContextWindow(24)
                        .withPrecedent(3.5);
        SeasonalStrategy.Config seasonal =
                SeasonalStrategy.Config.defaults().withHourScaleWindow(48);
        assertScoredAs(
                data,
                () ->
                        new EnsembleStrategy(
                                asGiven, IsolationForestStrategy.Config.defaults(), seasonal));
    }

    /**
     * The exchange-2_cpm results {@code eval nab} wrote under {@code results} are those {@code
     * expected} gives on {@code data}, and not the default ensemble's.
     */
    private void assertScoredAs(Path data, Supplier<AnomalyStrategy> expected) throws IOException {
        Path labels = nab("labels/combined_windows.json");
        NabEvaluation.run(data, labels, NabProfile.defaults(), dir.resolve("expected"), expected);
        NabEvaluation.run(
                data, labels, NabProfile.defaults(), dir.resolve("default"), EnsembleStrategy::new);
        String result = "ensemble/realAdExchange/ensemble_exchange-2_cpm_results.csv";
        String scored = Files.readString(dir.resolve("results").resolve(result));
        assertThat(scored).isEqualTo(Files.readString(dir.resolve("expected").resolve(result)));
        assertThat(scored).isNotEqualTo(Files.readString(dir.resolve("default").resolve(result)));
    }

    @Test
    void anEnsembleValueItRefusesIsBadUsageNamingIt() {
        int exit = evalNab(nab("data"), "--horizons", "41");

        assertThat(exit).isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("horizons must be 1, or at most longWindow / minHistory = 40, was 41");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingDataDirectoryIsBadUsageNamingIt() {
        Path missing = dir.resolve("no-such-data");

        int exit = evalNab(missing);

        assertThat(exit).isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("data directory " + missing + " does not exist");
    }
}
