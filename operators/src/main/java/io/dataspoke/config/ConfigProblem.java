package io.dataspoke.config;

/**
 * A semantic mistake found after a config file was read, named by its dotted key path (e.g. {@code
 * kafka.topics.versioned}); {@link YamlFiles} turns it into a {@link ConfigException} with the
 * line.
 */
public class ConfigProblem extends RuntimeException {

    private final String key;

    public ConfigProblem(String key, String problem) {
        super(problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
