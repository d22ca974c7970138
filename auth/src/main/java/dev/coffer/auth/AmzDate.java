package dev.coffer.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Request timestamps: ISO 8601 basic ({@code 20130524T000000Z}) or an HTTP Date header. */
final class AmzDate {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AmzDate() {}

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; null when absent or malformed. */
    static Instant parseBasic(String value) {
        if (value == null || value.length() != 16) return null;
        try {
            return ZonedDateTime.parse(value, BASIC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses an RFC 1123 Date header; null when absent or malformed. */
    static Instant parseHttpDate(String value) {
        if (value == null) return null;
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String formatBasic(Instant instant) {
        return BASIC.format(instant);
    }
}
