package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class AmzDateTest {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void basicTimestampIsUtc() {
        assertEquals(Instant.parse("2013-05-24T00:00:00Z"), AmzDate.parseBasic("20130524T000000Z"));
        assertEquals(Instant.parse("2026-11-25T23:59:59Z"), AmzDate.parseBasic("20261125T235959Z"));
    }

    @Test
    void handParsedValuesAgreeWithTheFormatterIncludingItsEdgeCases() {
        for (String v : new String[] {"20130524T000000Z", "20240229T120000Z", "20230229T120000Z", "20130231T000000Z",
                "20130524T240000Z", "20130524T235960Z", "20131324T000000Z", "20130500T000000Z", "2013052XT000000Z",
                "20130524 000000Z", "20130524T000000z", "+0130524T000000Z", "-0130524T000000Z", "20130524T0000 0Z"}) {
            assertEquals(viaFormatter(v), AmzDate.parseBasic(v), v);
        }
    }

    @Test
    void absentOrWrongLengthIsNull() {
        assertNull(AmzDate.parseBasic(null));
        assertNull(AmzDate.parseBasic("20130524T000000"));
        assertNull(AmzDate.parseBasic("20130524T000000ZZ"));
    }

    private static Instant viaFormatter(String v) {
        try {
            return ZonedDateTime.parse(v, BASIC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
