package dev.coffer.api.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 1123, as S3 sends Last-Modified) and their lenient parsing: the three formats
 * RFC 7231 section 7.1.1.1 requires a recipient to accept, a numeric zone, and ISO-8601.
 */
public final class HttpDates {
    private static final DateTimeFormatter RFC_1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /**
     * "Sunday, 06-Nov-94 08:49:37 GMT". A two-digit year more than 50 years ahead is in the past
     * century (RFC 7231); the window is fixed when the class loads, which is close enough.
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);
    /** C's asctime(): "Sun Nov  6 08:49:37 1994", always GMT. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> OBSOLETE = List.of(RFC_850, ASCTIME);

    private HttpDates() {}

    /** The last second {@link #formatCached} formatted; replaced whole, so readers see a matching pair. */
    private static volatile Formatted lastSecond = new Formatted(Long.MIN_VALUE, "");

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * "Sun, 06 Nov 1994 08:49:37 GMT". Written by hand for the years 1000-9999 (every Last-Modified
     * of a GET: DateTimeFormatter cost 2% of a small GET's CPU), by the formatter outside them.
     */
    public static String format(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000);
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (day.getYear() < 1000 || day.getYear() > 9999) return RFC_1123.format(Instant.ofEpochMilli(epochMillis));
        int inDay = (int) Math.floorMod(seconds, 86_400);
        StringBuilder out = new StringBuilder(29).append(DAYS[day.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(out, day.getDayOfMonth()).append(' ').append(MONTHS[day.getMonthValue() - 1]).append(' ')
                .append(day.getYear()).append(' ');
        twoDigits(out, inDay / 3600).append(':');
        twoDigits(out, inDay / 60 % 60).append(':');
        return twoDigits(out, inDay % 60).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder out, int n) {
        return out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /**
     * {@link #format}, formatting each second once: every response carries a Date header, and
     * DateTimeFormatter cost 2% of a small GET's CPU. Two threads that race on a new second
     * both format it; either result is right.
     */
    public static String formatCached(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Formatted last = lastSecond;
        if (last.second() != second) {
            last = new Formatted(second, format(second * 1000));
            lastSecond = last;
        }
        return last.text();
    }

    private record Formatted(long second, String text) {}

    /** Parses any accepted format; empty when unparseable (S3 then ignores the header). */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.trim();
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(v)));
        } catch (DateTimeParseException notRfc1123) {
            // try the others
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException notIso) {
            // try the others
        }
        for (DateTimeFormatter obsolete : OBSOLETE) {
            try {
                return Optional.of(Instant.from(obsolete.parse(v)));
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        return Optional.empty();
    }
}
