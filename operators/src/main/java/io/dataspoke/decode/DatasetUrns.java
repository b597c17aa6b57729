package io.dataspoke.decode;

import java.util.Locale;
import java.util.Map;

/**
 * Builds DataHub dataset URNs, {@code
 * urn:li:dataset:(urn:li:dataPlatform:<platform>,<name>,<ENV>)}, from platform names and from
 * OpenLineage dataset identifiers, following the OpenLineage naming spec and DataHub's own
 * OpenLineage converter (platform from the namespace scheme, the dataset name as given; object
 * stores keep the bucket in the name).
 */
public final class DatasetUrns {

    /** DataHub's default environment (FabricType). */
    public static final String DEFAULT_ENV = "PROD";

    private static final String PREFIX = "urn:li:dataset:";

    /** OpenLineage namespace schemes whose DataHub platform has another name. */
    private static final Map<String, String> PLATFORM_BY_SCHEME =
            Map.ofEntries(
                    Map.entry("postgresql", "postgres"),
                    Map.entry("sqlserver", "mssql"),
                    Map.entry("awsathena", "athena"),
                    Map.entry("s3a", "s3"),
                    Map.entry("s3n", "s3"),
                    Map.entry("gs", "gcs"),
                    Map.entry("abfss", "abs"),
                    Map.entry("wasbs", "abs"));

    /** Object stores and file systems: the dataset name is the path, with the bucket for stores. */
    private static final Map<String, Boolean> PATH_PLATFORMS_KEEP_AUTHORITY =
            Map.of(
                    "s3", true, "gcs", true, "abs", true, "hdfs", false, "file", false, "dbfs",
                    false);

    private DatasetUrns() {}

    /**
     * The URN of dataset {@code name} on {@code platform} in {@code env} (PROD when null).
     *
     * @param platform a DataHub platform name such as {@code hive}, or its URN {@code
     *     urn:li:dataPlatform:hive}
     */
    public static String dataset(String platform, String name, String env) {
        if (platform == null || platform.isBlank()) {
            throw new IllegalArgumentException("platform is required");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name is required");
        }
        String platformName =
                platform.startsWith("urn:li:dataPlatform:")
                        ? platform.substring("urn:li:dataPlatform:".length())
                        : platform;
        String fabric = env == null || env.isBlank() ? DEFAULT_ENV : env.toUpperCase(Locale.ROOT);
        return PREFIX + "(urn:li:dataPlatform:" + platformName + "," + name + "," + fabric + ")";
    }

    /** True when {@code value} is already a DataHub dataset URN. */
    public static boolean isDatasetUrn(String value) {
        return value != null && value.startsWith(PREFIX + "(") && value.endsWith(")");
    }

    /** The three parts of a dataset URN. */
    public record Parts(String platform, String name, String env) {}

    /**
     * The platform (without {@code urn:li:dataPlatform:}), name and env of a dataset URN, null when
     * {@code urn} is not one. Names may contain commas; platform and env cannot.
     */
    public static Parts parse(String urn) {
        if (!isDatasetUrn(urn)) {
            return null;
        }
        String inner = urn.substring(PREFIX.length() + 1, urn.length() - 1);
        int first = inner.indexOf(',');
        int last = inner.lastIndexOf(',');
        if (first < 0 || last <= first) {
            return null;
        }
        String platform = inner.substring(0, first);
        if (platform.startsWith("urn:li:dataPlatform:")) {
            platform = platform.substring("urn:li:dataPlatform:".length());
        }
        return new Parts(platform, inner.substring(first + 1, last), inner.substring(last + 1));
    }

    /**
     * The DataHub URN (env PROD) of the OpenLineage dataset {@code (namespace, name)}.
     *
     * <ul>
     *   <li>{@code postgres://host:5432}, {@code mysql://…}, {@code hive://…}, {@code kafka://…},
     *       {@code redshift://…}, {@code trino://…}: platform = scheme, name as given;
     *   <li>{@code snowflake://account}: platform snowflake, name lower-cased (DataHub's Snowflake
     *       connector lower-cases URNs by default);
     *   <li>{@code bigquery} (a namespace without a scheme): platform = namespace;
     *   <li>{@code s3://bucket} + {@code path/file}: platform s3, name {@code bucket/path/file}
     *       (likewise gs → gcs; abfss://container@account → abs, {@code container/…}); {@code
     *       hdfs://nn:8020} + {@code /path}: name {@code path};
     *   <li>{@code postgresql} → postgres, {@code sqlserver} → mssql, {@code awsathena} → athena.
     * </ul>
     */
    public static String fromOpenLineage(String namespace, String name) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("OpenLineage dataset namespace is required");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("OpenLineage dataset name is required");
        }
        int separator = namespace.indexOf("://");
        String scheme =
                (separator < 0 ? namespace : namespace.substring(0, separator))
                        .toLowerCase(Locale.ROOT);
        String authority = separator < 0 ? "" : namespace.substring(separator + 3);
        String platform = PLATFORM_BY_SCHEME.getOrDefault(scheme, scheme);
        Boolean keepAuthority = PATH_PLATFORMS_KEEP_AUTHORITY.get(platform);
        String datasetName;
        if (keepAuthority != null) {
            String path = trimSlashes(name);
            // abfss://container@account.dfs.core.windows.net: the container is the root.
            String bucket =
                    authority.contains("@")
                            ? authority.substring(0, authority.indexOf('@'))
                            : authority;
            String root = keepAuthority ? trimSlashes(bucket) : "";
            datasetName = root.isEmpty() ? path : path.isEmpty() ? root : root + "/" + path;
        } else if ("snowflake".equals(platform)) {
            datasetName = name.toLowerCase(Locale.ROOT);
        } else {
            datasetName = name;
        }
        return dataset(platform, datasetName, DEFAULT_ENV);
    }

    private static String trimSlashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '/') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(start, end);
    }
}
