package io.dataspoke.anomaly.nab;

import io.dataspoke.config.ConfigException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Detector outputs in NAB's results layout, {@code <out>/<detector>/<category>/<detector>_<file
 * name>.csv} with columns {@code timestamp,value,anomaly_score,label}, so NAB's own scripts can
 * score them; and NAB's per-profile summary, {@code <detector>_<profile>_scores.csv}.
 */
public final class NabResultFiles {

    static final String HEADER = "timestamp,value,anomaly_score,label";

    private NabResultFiles() {}

    /** Where the results of {@code detector} for {@code series} go under {@code outDir}. */
    public static Path path(Path outDir, String detector, NabSeries series) {
        Path dir = outDir.resolve(detector);
        if (!series.category().isEmpty()) {
            dir = dir.resolve(series.category());
        }
        return dir.resolve(detector + "_" + series.name());
    }

    /** Writes one file's anomaly scores; returns the file written. */
    public static Path write(Path outDir, String detector, NabSeries series, double[] anomalyScores)
            throws IOException {
        if (anomalyScores.length != series.size()) {
            throw new IllegalArgumentException(
                    series.file() + " has " + series.size() + " rows, not " + anomalyScores.length);
        }
        Path file = path(outDir, detector, series);
        Files.createDirectories(file.getParent());
        int[] labels = series.labels();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (int i = 0; i < series.size(); i++) {
                NabRow row = series.rows().get(i);
                // Double.toString round-trips, so re-scoring the file gives the same report.
                out.write(
                        row.timestamp()
                                + ','
                                + row.value()
                                + ','
                                + anomalyScores[i]
                                + ','
                                + labels[i]);
                out.newLine();
            }
        }
        return file;
    }

    /**
     * The {@code anomaly_score} column of the results of {@code detector} for {@code series}; any
     * further columns (NAB adds {@code raw_score} and {@code S(t)_<profile>}) are ignored.
     *
     * @throws ConfigException if the file's rows are not the series' rows
     */
    public static double[] read(Path outDir, String detector, NabSeries series) throws IOException {
        Path file = path(outDir, detector, series);
        double[] scores = new double[series.size()];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : Arrays.asList(header.split(","));
            int timestamp = columns.indexOf("timestamp");
            int anomalyScore = columns.indexOf("anomaly_score");
            if (timestamp < 0 || anomalyScore < 0) {
                throw new ConfigException(
                        file, 1, "", "expected timestamp and anomaly_score columns, got " + header);
            }
            int i = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                int lineNumber = i + 2;
                if (i >= scores.length) {
                    throw new ConfigException(
                            file, lineNumber, "", "more rows than " + series.file() + " has");
                }
                String[] cells = line.split(",", -1);
                NabRow row = series.rows().get(i);
                try {
                    if (NabRow.epochMillis(cells[timestamp]) != row.epochMillis()) {
                        throw new ConfigException(
                                file,
                                lineNumber,
                                "",
                                "timestamp " + cells[timestamp] + ", expected " + row.timestamp());
                    }
                    scores[i] = Double.parseDouble(cells[anomalyScore]);
                } catch (ConfigException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new ConfigException(
                            file, lineNumber, "", "cannot read row '" + line + "': " + e, e);
                }
                i++;
            }
            if (i != scores.length) {
                throw new ConfigException(
                        file, 0, "", i + " rows, but " + series.file() + " has " + scores.length);
            }
        }
        return scores;
    }

    /**
     * Writes NAB's summary of one profile, {@code
     * <out>/<detector>/<detector>_<profile>_scores.csv}: a row per file and a {@code Totals} row.
     * Its {@code Total_Count} is the rows scored, as NAB computes it today.
     */
    public static Path writeScores(Path outDir, String detector, NabReport.ProfileScore profile)
            throws IOException {
        Path file =
                outDir.resolve(detector)
                        .resolve(detector + "_" + profile.profile() + "_scores.csv");
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count");
            out.newLine();
            int tp = 0;
            int tn = 0;
            int fp = 0;
            int fn = 0;
            for (NabReport.FileScore row : profile.files()) {
                out.write(
                        String.join(
                                ",",
                                detector,
                                profile.profile(),
                                row.file(),
                                String.valueOf(profile.threshold()),
                                String.valueOf(row.score()),
                                String.valueOf(row.tp()),
                                String.valueOf(row.tn()),
                                String.valueOf(row.fp()),
                                String.valueOf(row.fn()),
                                String.valueOf(row.tp() + row.tn() + row.fp() + row.fn())));
                out.newLine();
                tp += row.tp();
                tn += row.tn();
                fp += row.fp();
                fn += row.fn();
            }
            out.write(
                    String.join(
                            ",",
                            "Totals",
                            "",
                            "",
                            "",
                            String.valueOf(profile.rawScore()),
                            String.valueOf(tp),
                            String.valueOf(tn),
                            String.valueOf(fp),
                            String.valueOf(fn),
                            String.valueOf(tp + tn + fp + fn)));
            out.newLine();
        }
        return file;
    }
}
