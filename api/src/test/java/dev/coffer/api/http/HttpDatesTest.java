package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {
    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void formatsAsRfc1123InGmt() {
        assertThat(HttpDates.format(NOV_6_1994.toEpochMilli())).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void cachedFormatAgreesWithinASecondAndAcrossSeconds() {
        long base = NOV_6_1994.toEpochMilli();
        for (long millis : new long[] {base, base + 999, base + 1_000, base + 1, base - 1, -1, 0, -1_001}) {
            assertThat(HttpDates.formatCached(millis)).as("%d", millis).isEqualTo(HttpDates.format(millis));
        }
    }

    /** The hand-written format against DateTimeFormatter's, over random instants and the edges of its years. */
    @Test
    void formatAgreesWithTheFormatterEverywhere() {
        java.time.format.DateTimeFormatter rfc1123 = java.time.format.DateTimeFormatter
                .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(23);
        java.util.List<Long> instants = new java.util.ArrayList<>(java.util.List.of(0L, -1L, 999L, 1_000L, 86_399_999L,
                Instant.parse("1000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("0999-12-31T23:59:59.999Z").toEpochMilli(),
                Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(), Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2024-02-29T12:00:00Z").toEpochMilli()));
        for (int i = 0; i < 100_000; i++) instants.add(random.nextLong(-62_000_000_000_000L, 300_000_000_000_000L));
        for (long millis : instants) {
            assertThat(HttpDates.format(millis)).as("%d", millis).isEqualTo(rfc1123.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void formatDropsMilliseconds() {
        assertThat(HttpDates.format(NOV_6_1994.toEpochMilli() + 999)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void formatPadsSingleDigitDays() {
        assertThat(HttpDates.format(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli()))
                .isEqualTo("Fri, 01 Mar 2024 00:00:00 GMT");
    }

    @Test
    void parsesWhatItFormats() {
        long millis = Instant.parse("2031-12-31T23:59:59Z").toEpochMilli();
        assertThat(HttpDates.parse(HttpDates.format(millis))).contains(Instant.ofEpochMilli(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",     // RFC 1123, the preferred format
        " Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 06 Nov 1994 09:49:37 +0100",    // numeric zone
        "Sunday, 06-Nov-94 08:49:37 GMT",     // obsolete RFC 850 format, which RFC 7231 requires recipients to accept
        "Sun Nov  6 08:49:37 1994",           // obsolete asctime format, likewise
        "1994-11-06T08:49:37Z",               // ISO 8601, as the SDKs send x-amz-* dates
        "1994-11-06T08:49:37.000Z"
    })
    void parsesEveryAcceptedFormat(String value) {
        assertThat(HttpDates.parse(value)).contains(NOV_6_1994);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "yesterday", "06/11/1994", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT"})
    void unparseableDateIsEmpty(String value) {
        assertThat(HttpDates.parse(value)).isEqualTo(Optional.empty());
    }
}
