package io.dataspoke.anomaly.nab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * One row of a NAB data file.
 *
 * @param timestamp the timestamp exactly as the CSV writes it ({@code yyyy-MM-dd HH:mm:ss})
 * @param epochMillis that timestamp read as UTC
 * @param value the observed value
 */
public record NabRow(String timestamp, long epochMillis, double value) {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                    .withResolverStyle(ResolverStyle.STRICT);

    /** A row from the two columns of a data file. */
    public static NabRow of(String timestamp, double value) {
        return new NabRow(timestamp, epochMillis(timestamp), value);
    }

    /** A NAB row timestamp read as UTC; throws {@link DateTimeParseException} if malformed. */
    public static long epochMillis(String timestamp) {
        return LocalDateTime.parse(timestamp, FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
