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

    /**
     * Formats instant after instant as {@link #format} does, formatting each second only once:
     * the keys of a listing page were mostly written within a few seconds of each other, and the
     * formatter's work was per key. Not thread-safe: one per document.
     */
    static final class Run {
        private long second = Long.MIN_VALUE;
        private String upToSecond; // "2009-10-12T17:50:30."

        String format(Instant instant) {
            if (instant.getEpochSecond() != second) {
                second = instant.getEpochSecond();
                String whole = FORMAT.format(Instant.ofEpochSecond(second));
                upToSecond = whole.substring(0, whole.length() - "000Z".length());
            }
            int millis = instant.getNano() / 1_000_000;
            return upToSecond + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                    + (char) ('0' + millis % 10) + 'Z';
        }
    }

    /** Parses any ISO-8601 instant, with or without fraction digits. */
    public static Instant parse(String text) {
        return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }
}
