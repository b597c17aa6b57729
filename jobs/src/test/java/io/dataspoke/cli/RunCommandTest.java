package io.dataspoke.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up mistakes stop {@code dataspoke run} with exit code 2 before anything connects. */
class RunCommandTest {

    @TempDir Path dir;

    private int run(ByteArrayOutputStream err, String... args) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return DataSpokeCli.execute(args);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void anUnknownJobIsBadUsage() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "kafka: {bootstrapServers: \"h:1\"}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "run", "nope", "--config", config.toString()))
                .isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("unknown job 'nope'")
                .contains("metadata-health")
                .contains("anomaly-training");
    }

    @Test
    void aMistakeInTheRuleFileStopsTheHealthJobNamingThatFile() throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), "rules:\n  naming:\n    default: '^[a-z'\n");
        Path config = dir.resolve("c.yaml");
        Files.writeString(
                config,
                "kafka: {bootstrapServers: \"h:1\"}\n"
                        + "postgres: {url: \"jdbc:postgresql://h:5432/d\", user: u}\n"
                        + "health: {rules: rules.yaml}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "run", "metadata-health", "--config", config.toString()))
                .isEqualTo(DataSpokeCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("rules.yaml:3: rules.naming.default")
                .contains("not a valid regular expression");
    }
}
