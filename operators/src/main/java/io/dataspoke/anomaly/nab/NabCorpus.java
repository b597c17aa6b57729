package io.dataspoke.anomaly.nab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The NAB data files to score: every CSV under a data directory, each with its windows from a
 * {@code combined_windows.json}, in path order. A windows entry without a data file is ignored, so
 * one windows file serves the full corpus and any subset of it; a data file without an entry is an
 * error, because scoring it without its windows would count its anomalies as false positives.
 */
public final class NabCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<NabSeries> series;

    public NabCorpus(List<NabSeries> series) {
        this.series = List.copyOf(series);
    }

    /**
     * Reads the data files under {@code dataDir} ({@code <category>/<name>.csv}, header {@code
     * timestamp,value}) and their windows from {@code windowsFile}.
     *
     * @throws ConfigException naming the file and line at fault when a file cannot be used
     */
    public static NabCorpus read(Path dataDir, Path windowsFile) throws IOException {
        Map<String, List<NabWindow>> windows = readWindows(windowsFile);
        List<String> files = dataFiles(dataDir);
        List<String> unlabelled = files.stream().filter(f -> !windows.containsKey(f)).toList();
        if (!unlabelled.isEmpty()) {
            throw new ConfigException(
                    windowsFile,
                    0,
                    "",
                    "no windows for data file"
                            + (unlabelled.size() > 1 ? "s " : " ")
                            + String.join(", ", unlabelled)
                            + " (a file without anomalies needs an empty list)");
        }
        List<NabSeries> series = new ArrayList<>();
        for (String file : files) {
            List<NabRow> rows = readRows(dataDir.resolve(file));
            try {
                series.add(new NabSeries(file, rows, windows.get(file)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(windowsFile, 0, "", e.getMessage());
            }
        }
        return new NabCorpus(series);
    }

    /**
     * Paths of the CSV files under {@code dataDir}, relative and {@code /}-separated, sorted;
     * linked directories are followed, so a corpus can be put together from several places.
     */
    static List<String> dataFiles(Path dataDir) throws IOException {
        try (Stream<Path> paths = Files.walk(dataDir, FileVisitOption.FOLLOW_LINKS)) {
            return paths.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))
                    .map(p -> dataDir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** The windows of each file, keyed by path relative to the data directory. */
    public static Map<String, List<NabWindow>> readWindows(Path windowsFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(windowsFile.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(windowsFile, line, "", e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(
                    windowsFile, 0, "", "expected an object of file paths to window lists");
        }
        Map<String, List<NabWindow>> windows = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            windows.put(entry.getKey(), windows(windowsFile, entry.getKey(), entry.getValue()));
        }
        return windows;
    }

    private static List<NabWindow> windows(Path windowsFile, String file, JsonNode list) {
        if (!list.isArray()) {
            throw new ConfigException(windowsFile, 0, file, "expected a list of [start, end]");
        }
        List<NabWindow> windows = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode limits = list.get(k);
            String key = file + "[" + k + "]";
            if (!limits.isArray()
                    || limits.size() != 2
                    || !limits.get(0).isTextual()
                    || !limits.get(1).isTextual()) {
                throw new ConfigException(
                        windowsFile, 0, key, "expected [start, end], got " + limits);
            }
            try {
                windows.add(NabWindow.parse(limits.get(0).asText(), limits.get(1).asText()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new ConfigException(windowsFile, 0, key, e.getMessage(), e);
            }
        }
        return windows;
    }

    /** The rows of one data file, in file order. */
    public static List<NabRow> readRows(Path csv) throws IOException {
        List<NabRow> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(header.split(","));
            int timestamp = columns.indexOf("timestamp");
            int value = columns.indexOf("value");
            if (timestamp < 0 || value < 0) {
                throw new ConfigException(
                        csv, 1, "", "expected a header with timestamp and value, got " + header);
            }
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                try {
                    rows.add(NabRow.of(cells[timestamp], Double.parseDouble(cells[value])));
                } catch (RuntimeException e) {
                    throw new ConfigException(
                            csv, lineNumber, "", "cannot read row '" + line + "': " + e, e);
                }
            }
        }
        return rows;
    }

    public List<NabSeries> series() {
        return series;
    }

    /** Rows over all files. */
    public long rowCount() {
        return series.stream().mapToLong(NabSeries::size).sum();
    }

    /** Windows over all files. */
    public int windowCount() {
        return series.stream().mapToInt(s -> s.windows().size()).sum();
    }
}
