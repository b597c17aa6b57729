package io.dataspoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test fixtures shared by the team, found through the system property {@code dataspoke.fixtures}.
 */
public final class Fixtures {

    public static final String PROPERTY = "dataspoke.fixtures";

    /** The v1 binary fixtures of DataHub's schema-registry servlet. */
    public static final String BINARY_V1 =
            "datahub/repo/metadata-service/schema-registry-servlet/src/test/resources/v1/";

    private Fixtures() {}

    /** {@code relative} resolved against the fixtures directory; fails if either is missing. */
    public static Path path(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            throw new IllegalStateException(
                    "system property "
                            + PROPERTY
                            + " is not set; run the tests through Maven (surefire sets it) or pass"
                            + " -D"
                            + PROPERTY
                            + "=/path/to/shared/fixtures");
        }
        Path dir = Path.of(root);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    PROPERTY + " points to " + dir.toAbsolutePath() + ", which is not a directory");
        }
        Path file = dir.resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException(
                    "fixture " + relative + " not found under " + dir.toAbsolutePath());
        }
        return file;
    }

    /** The bytes of a fixture. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a fixture (UTF-8). */
    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
