package io.dataspoke.anomaly.nab;

import java.time.Instant;
import java.util.List;

/**
 * One NAB data file with its anomaly windows, the unit the scorer works on. The windows are
 * resolved to row ranges here, once: a window starts at the first row whose timestamp equals its
 * start and ends at the first row whose timestamp equals its end, as {@code timestamps.index(...)}
 * does in NAB's sweeper (a few NAB files repeat a timestamp at a daylight-saving change).
 */
public final class NabSeries {

    private final String file;
    private final List<NabRow> rows;
    private final List<NabWindow> windows;
    private final int[] starts;
    private final int[] ends;

    /**
     * @param file path relative to the data directory, {@code /}-separated, e.g. {@code
     *     realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv}
     * @param rows the rows in file order
     * @param windows the file's windows in time order, not overlapping
     * @throws IllegalArgumentException if an end of a window is not a timestamp of the file, or the
     *     windows overlap or are out of order (NAB's sweeper would silently skip such windows)
     */
    public NabSeries(String file, List<NabRow> rows, List<NabWindow> windows) {
        this.file = file;
        this.rows = List.copyOf(rows);
        this.windows = List.copyOf(windows);
        this.starts = new int[windows.size()];
        this.ends = new int[windows.size()];
        for (int k = 0; k < windows.size(); k++) {
            NabWindow window = windows.get(k);
            starts[k] = indexOf(window.start(), "start");
            ends[k] = indexOf(window.end(), "end");
            if (ends[k] < starts[k]) {
                throw new IllegalArgumentException(
                        file + ": window " + window.start() + " ends on a row before its start");
            }
            if (k > 0 && starts[k] <= ends[k - 1]) {
                throw new IllegalArgumentException(
                        file
                                + ": window "
                                + window.start()
                                + " overlaps or precedes the window before it");
            }
        }
    }

    private int indexOf(Instant timestamp, String end) {
        long millis = timestamp.toEpochMilli();
        boolean wholeMillis = Instant.ofEpochMilli(millis).equals(timestamp);
        for (int i = 0; wholeMillis && i < rows.size(); i++) {
            if (rows.get(i).epochMillis() == millis) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                file + ": window " + end + " " + timestamp + " is not a timestamp of the file");
    }

    /** Path relative to the data directory, {@code /}-separated. */
    public String file() {
        return file;
    }

    /**
     * The directory part of {@link #file()} ({@code realAWSCloudwatch}), empty at the top level.
     */
    public String category() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** The file name part of {@link #file()} ({@code ec2_cpu_utilization_24ae8d.csv}). */
    public String name() {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    public List<NabRow> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public List<NabWindow> windows() {
        return windows;
    }

    /** Row index of the first row of window {@code k}. */
    public int windowStart(int k) {
        return starts[k];
    }

    /** Row index of the last row of window {@code k}. */
    public int windowEnd(int k) {
        return ends[k];
    }

    /** NAB's label column: 1 for each row inside a window, else 0. */
    public int[] labels() {
        int[] labels = new int[rows.size()];
        for (int k = 0; k < starts.length; k++) {
            for (int i = starts[k]; i <= ends[k]; i++) {
                labels[i] = 1;
            }
        }
        return labels;
    }

    @Override
    public String toString() {
        return file + " (" + rows.size() + " rows, " + windows.size() + " windows)";
    }
}
