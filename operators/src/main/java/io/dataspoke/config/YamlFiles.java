package io.dataspoke.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a YAML file into a typed config and reports every mistake as a {@link ConfigException}
 * naming the file, the line and the key: YAML syntax, unknown keys (with the keys that are
 * allowed), wrong types, missing required keys, and the semantic checks of {@link Validated}.
 */
public final class YamlFiles {

    private static final ObjectMapper MAPPER =
            YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    private YamlFiles() {}

    /** Reads {@code file} as a {@code type}; throws {@link ConfigException} on any mistake. */
    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "", "file not found");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        return parse(file, text, type);
    }

    /** Parses {@code text} (read from {@code file}, named in errors) as a {@code type}. */
    public static <T> T parse(Path file, String text, Class<T> type) {
        T value;
        try {
            value = MAPPER.readValue(text, type);
        } catch (JsonMappingException e) {
            throw mappingError(file, text, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    file, line(e.getLocation()), "", "invalid YAML: " + e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new ConfigException(file, 0, "", "the file is empty");
        }
        if (value instanceof Validated validated) {
            try {
                validated.validate();
            } catch (ConfigProblem problem) {
                int line = lineOf(keyLines(text), problem.key());
                throw new ConfigException(file, line, problem.key(), problem.getMessage(), problem);
            }
        }
        return value;
    }

    /**
     * A problem found after reading (e.g. an environment variable the file names is not set), with
     * the line of its key looked up in {@code file}.
     */
    public static ConfigException locate(Path file, ConfigProblem problem) {
        int line = 0;
        try {
            line = lineOf(keyLines(Files.readString(file)), problem.key());
        } catch (IOException e) {
            // Reported without a line: the file was readable moments ago.
        }
        return new ConfigException(file, line, problem.key(), problem.getMessage(), problem);
    }

    private static ConfigException mappingError(Path file, String text, JsonMappingException e) {
        String key = keyPath(e);
        int line = keyLines(text).getOrDefault(key, line(e.getLocation()));
        String problem;
        if (e.getCause() instanceof JsonParseException syntax) {
            problem = "invalid YAML: " + syntax.getOriginalMessage().lines().findFirst().orElse("");
            line = line(syntax.getLocation());
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            problem =
                    "unknown key '"
                            + unknown.getPropertyName()
                            + "'; expected one of: "
                            + unknown.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", "));
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            problem = e.getCause().getMessage();
        } else if (e instanceof InvalidFormatException invalid) {
            problem =
                    "expected "
                            + describe(invalid.getTargetType())
                            + ", got '"
                            + invalid.getValue()
                            + "'";
        } else if (e.getOriginalMessage().startsWith("Missing required creator property")) {
            problem = "required key is missing";
        } else if (e instanceof MismatchedInputException mismatch) {
            problem = "expected " + describe(mismatch.getTargetType());
        } else {
            problem = e.getOriginalMessage();
        }
        return new ConfigException(file, line, key, problem, e);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            StringBuilder out = new StringBuilder("one of ");
            for (int i = 0; i < values.length; i++) {
                out.append(i == 0 ? "" : ", ").append(values[i]);
            }
            return out.toString();
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * The line of {@code key}; for a key the file leaves out (a required key that is missing), the
     * first line under its nearest parent that is there, e.g. the {@code - name:} line of the list
     * element missing the key. 0 when nothing is found.
     */
    static int lineOf(Map<String, Integer> lines, String key) {
        String k = key == null ? "" : key;
        while (!k.isEmpty()) {
            Integer line = lines.get(k);
            if (line != null) {
                return line;
            }
            int first = Integer.MAX_VALUE;
            for (Map.Entry<String, Integer> e : lines.entrySet()) {
                if (e.getKey().startsWith(k + ".") || e.getKey().startsWith(k + "[")) {
                    first = Math.min(first, e.getValue());
                }
            }
            if (first != Integer.MAX_VALUE) {
                return first;
            }
            k = k.substring(0, Math.max(Math.max(k.lastIndexOf('.'), k.lastIndexOf('[')), 0));
        }
        return 0;
    }

    /**
     * The line of every key path in the document, e.g. {@code kafka.topics.versioned -> 7}, and of
     * every list item, e.g. {@code checks[2] -> 9}, also when the item is a mapping; for readers
     * that walk a YAML tree themselves (contracts) and report {@link ConfigException}s.
     */
    public static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                boolean listItem =
                        token.isStructStart()
                                && parser.getParsingContext().getParent() != null
                                && parser.getParsingContext().getParent().inArray();
                if (token == JsonToken.FIELD_NAME || token.isScalarValue() || listItem) {
                    String path = dotted(parser.getParsingContext().pathAsPointer().toString());
                    lines.putIfAbsent(path, line(parser.currentTokenLocation()));
                }
            }
        } catch (IOException e) {
            // The document was already parsed successfully; a failure here only loses line numbers.
        }
        return lines;
    }

    private static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
