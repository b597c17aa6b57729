package io.dataspoke.anomaly.nab;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * An anomaly window of {@code combined_windows.json}: the rows from {@code start} to {@code end},
 * both inclusive. NAB finds both ends by exact equality with a row's timestamp.
 */
public record NabWindow(Instant start, Instant end) {

    private static final DateTimeFormatter FORMAT =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .toFormatter()
                    .withResolverStyle(ResolverStyle.STRICT);

    public NabWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(
                    "window ends at " + end + " before its start " + start);
        }
    }

    /**
     * A window from the UTC timestamps of the windows file ({@code 2014-04-10 07:15:00.000000}).
     */
    public static NabWindow parse(String start, String end) {
        return new NabWindow(instant(start), instant(end));
    }

    private static Instant instant(String timestamp) {
        return LocalDateTime.parse(timestamp, FORMAT).toInstant(ZoneOffset.UTC);
    }
}
