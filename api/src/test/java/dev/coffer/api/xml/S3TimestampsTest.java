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
    void aRunOfInstantsIsFormattedAsOneByOne() {
        S3Timestamps.Run run = new S3Timestamps.Run();
        long[] millis = {1_700_000_000_123L, 1_700_000_000_999L, 1_700_000_000_000L, 1_700_000_001_005L,
            1_700_000_000_050L, 0, -1, -1_000, -62_135_596_800_001L, 253_402_300_800_000L, 1_700_000_001_005L};
        for (long m : millis) {
            Instant t = Instant.ofEpochMilli(m);
            assertThat(run.format(t)).as("%d", m).isEqualTo(S3Timestamps.format(t));
        }
        Instant nanos = Instant.ofEpochSecond(1_700_000_000L, 987_654_321);
        assertThat(run.format(nanos)).isEqualTo("2023-11-14T22:13:20.987Z");
    }

    @Test
    void quotesETagsOnce() {
        assertThat(ETags.quote("abc")).isEqualTo("\"abc\"");
        assertThat(ETags.quote("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(ETags.quote("abc-2")).isEqualTo("\"abc-2\"");
    }
}
