package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3TimestampsTest {

    @Test
    void formatsUtcWithMilliseconds() {
        assertThat(S3Timestamps.format(Instant.parse("2009-10-12T17:50:30Z"))).isEqualTo("2009-10-12T17:50:30.000Z");
        assertThat(S3Timestamps.format(Instant.parse("2009-10-12T17:50:30.123456789Z")))
                .isEqualTo("2009-10-12T17:50:30.123Z");
    }

    @Test
    void parsesWhatItFormats() {
        Instant t = Instant.parse("2024-02-29T23:59:59.999Z");
        assertThat(S3Timestamps.parse(S3Timestamps.format(t))).isEqualTo(t);
    }

    @Test
    void quotesETagsOnce() {
        assertThat(ETags.quote("abc")).isEqualTo("\"abc\"");
        assertThat(ETags.quote("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(ETags.quote("abc-2")).isEqualTo("\"abc-2\"");
    }
}
