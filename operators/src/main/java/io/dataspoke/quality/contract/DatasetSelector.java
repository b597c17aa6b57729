package io.dataspoke.quality.contract;

import io.dataspoke.decode.DatasetUrns;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which datasets a contract covers: full URNs or dataset names ({@code dataset:}, {@code
 * datasets:}, {@code checks for X}), or a platform and a glob on the name ({@code match:}). Names
 * and globs compare case-insensitively; a URN must match exactly.
 *
 * <p>A {@code match} glob has {@code *} for any run of characters, dots included, and {@code ?} for
 * one character.
 */
public final class DatasetSelector implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> datasets;
    private final String platform;
    private final String glob;
    private final Pattern namePattern;

    private DatasetSelector(List<String> datasets, String platform, String glob) {
        this.datasets = List.copyOf(datasets);
        this.platform = platform;
        this.glob = glob;
        this.namePattern = glob == null ? null : globPattern(glob);
    }

    /** URNs and names; empty for {@code match}. */
    public List<String> datasets() {
        return datasets;
    }

    /** The platform {@code match} requires, null for any. */
    public String platform() {
        return platform;
    }

    /** The {@code match} name glob, null for a list of datasets. */
    public String glob() {
        return glob;
    }

    /** The datasets named, each by URN or by name. */
    public static DatasetSelector of(List<String> datasets) {
        return new DatasetSelector(datasets, null, null);
    }

    /** Datasets on {@code platform} (null for any) whose name matches {@code glob}. */
    public static DatasetSelector match(String platform, String glob) {
        return new DatasetSelector(List.of(), platform, glob);
    }

    /** True when the dataset {@code urn} is covered. */
    public boolean matches(String urn) {
        DatasetUrns.Parts parts = DatasetUrns.parse(urn);
        for (String dataset : datasets) {
            if (dataset.equals(urn)
                    || (parts != null
                            && !DatasetUrns.isDatasetUrn(dataset)
                            && dataset.equalsIgnoreCase(parts.name()))) {
                return true;
            }
        }
        return glob != null
                && parts != null
                && (platform == null || platform.equalsIgnoreCase(parts.platform()))
                && namePattern.matcher(parts.name()).matches();
    }

    /** {@code *} and {@code ?} as wildcards, everything else literal, ignoring case. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatasetSelector s
                && s.datasets.equals(datasets)
                && Objects.equals(s.platform, platform)
                && Objects.equals(s.glob, glob);
    }

    @Override
    public int hashCode() {
        return Objects.hash(datasets, platform, glob);
    }

    @Override
    public String toString() {
        if (glob == null) {
            return String.join(", ", datasets);
        }
        return (platform == null ? "" : platform + ":") + glob;
    }
}
