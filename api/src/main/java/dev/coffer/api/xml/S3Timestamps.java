package dev.coffer.api.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The timestamp format of S3 XML bodies: ISO-8601 in UTC with milliseconds,
 * e.g. {@code 2009-10-12T17:50:30.000Z}.
 */
public final class S3Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Timestamps() {
    }

    /** Formats {@code instant}, truncated to milliseconds. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses any ISO-8601 instant, with or without fraction digits. */
    public static Instant parse(String text) {
        return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }
}
