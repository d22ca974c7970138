package dev.coffer.api.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates (RFC 1123, as S3 sends Last-Modified) and their lenient parsing. */
public final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String format(long epochMillis) {
        return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses RFC 1123 (also with a numeric zone) or ISO-8601; empty when unparseable (S3 then ignores the header). */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.trim();
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v)));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(v));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
