package dev.coffer.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Request timestamps: ISO 8601 basic ({@code 20130524T000000Z}) or an HTTP Date header. */
public final class AmzDate {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AmzDate() {}

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; null when absent or malformed. */
    public static Instant parseBasic(String value) {
        if (value == null || value.length() != 16) return null;
        Instant plain = parsePlainBasic(value);
        if (plain != null) return plain;
        try {
            // The formatter's smart resolution decides the rare values a plain date refuses (24:00:00).
            return ZonedDateTime.parse(value, BASIC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Every signed request carries this timestamp, and DateTimeFormatter.parse cost 2% of a small
     * GET's CPU: digits are read by hand here. Null for anything but an ordinary valid date-time.
     */
    private static Instant parsePlainBasic(String v) {
        if (v.charAt(8) != 'T' || v.charAt(15) != 'Z') return null;
        int year = digits(v, 0, 4);
        int month = digits(v, 4, 6);
        int day = digits(v, 6, 8);
        int hour = digits(v, 9, 11);
        int minute = digits(v, 11, 13);
        int second = digits(v, 13, 15);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code v[from, to)}, or -1 if any character is not an ASCII digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
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
