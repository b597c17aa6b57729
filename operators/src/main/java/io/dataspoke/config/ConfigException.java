package io.dataspoke.config;

import java.nio.file.Path;

/**
 * A configuration file that cannot be used, with the file, line and key at fault, so start-up can
 * stop with a message the user acts on directly: {@code contracts/orders.yaml:12: checks[0].fail:
 * expected a number, got "ten"}.
 */
public class ConfigException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String key;

    public ConfigException(Path file, int line, String key, String problem) {
        super(format(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public ConfigException(Path file, int line, String key, String problem, Throwable cause) {
        super(format(file, line, key, problem), cause);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    /** 1-based line, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    /** Dotted key path such as {@code postgres.url}, empty for the whole file. */
    public String key() {
        return key;
    }

    private static String format(Path file, int line, String key, String problem) {
        StringBuilder out = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (key != null && !key.isEmpty()) {
            out.append(key).append(": ");
        }
        return out.append(problem).toString();
    }
}
