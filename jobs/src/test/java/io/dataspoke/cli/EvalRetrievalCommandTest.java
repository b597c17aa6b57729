package io.dataspoke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataspoke eval retrieval} on the tables and questions of two Spider dev databases (the
 * whole set is scored in RetrievalEvaluationTest).
 */
class EvalRetrievalCommandTest {

    private static final List<String> DATABASES = List.of("concert_singer", "pets_1");

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void scoresBothSearchesAsJson() throws IOException {
        Path tables = subset("tables.jsonl");
        Path questions = subset("questions.jsonl");

        int exit =
                run(
                        "eval",
                        "retrieval",
                        "--tables",
                        tables.toString(),
                        "--questions",
                        questions.toString(),
                        "--json");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("tables").asInt()).isEqualTo(Files.readAllLines(tables).size());
        assertThat(json.get("questions").asInt()).isEqualTo(Files.readAllLines(questions).size());
        assertThat(json.get("model").asText()).isEqualTo("all-minilm-l6-v2");
        for (String search : List.of("dataspoke", "keywordsOnly", "meaningOnly", "bm25")) {
            JsonNode m = json.get(search);
            assertThat(m.get("recallAt1").asDouble())
                    .isLessThanOrEqualTo(m.get("recallAt5").asDouble());
            assertThat(m.get("recallAt5").asDouble())
                    .isLessThanOrEqualTo(m.get("recallAt10").asDouble());
            assertThat(m.get("fullAt5").asDouble())
                    .isLessThanOrEqualTo(m.get("recallAt5").asDouble());
            assertThat(m.get("mrr").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(json.at("/dataspoke/mrr").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void printsATableForPeople() throws IOException {
        int exit =
                run(
                        "eval",
                        "retrieval",
                        "--tables",
                        subset("tables.jsonl").toString(),
                        "--questions",
                        subset("questions.jsonl").toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "R@5",
                        "MRR",
                        "DataSpoke",
                        "keywords alone",
                        "embeddings alone",
                        "BM25",
                        "all-minilm-l6-v2");
    }

    @Test
    void aMissingFileOrAnUnknownModelIsABadUsage() throws IOException {
        Path tables = subset("tables.jsonl");

        assertThat(
                        run(
                                "eval",
                                "retrieval",
                                "--tables",
                                tables.toString(),
                                "--questions",
                                dir.resolve("absent.jsonl").toString()))
                .isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.jsonl does not exist");
        assertThat(
                        run(
                                "eval",
                                "retrieval",
                                "--tables",
                                tables.toString(),
                                "--questions",
                                tables.toString(),
                                "--model",
                                "gpt-5"))
                .isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown embedding model");
    }

    /** The lines of the Spider dev file whose database is one of {@link #DATABASES}. */
    private Path subset(String file) throws IOException {
        String root = System.getProperty("dataspoke.fixtures");
        assertThat(root).as("system property dataspoke.fixtures (surefire sets it)").isNotBlank();
        List<String> lines =
                Files.readAllLines(Path.of(root, "retrieval/spider_dev", file)).stream()
                        .filter(
                                line ->
                                        DATABASES.stream()
                                                .anyMatch(
                                                        db ->
                                                                line.contains(
                                                                        "\"db_id\": \""
                                                                                + db
                                                                                + "\"")))
                        .toList();
        assertThat(lines).as(file + " lines of " + DATABASES).isNotEmpty();
        Path copy = dir.resolve(file);
        Files.write(copy, lines);
        return copy;
    }

    private int run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return DataSpokeCli.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
