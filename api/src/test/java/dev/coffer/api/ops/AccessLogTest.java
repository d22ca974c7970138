package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void oneLogfmtLineWithEveryField() {
        CompletedRequest r = new CompletedRequest("PUT", "PUT_OBJECT", "photos", 14, 200, 1_048_576, 0, 12_412_000,
                "1A2B3C", null, null, "ok", "10.0.0.7");
        assertThat(AccessLog.format(r)).isEqualTo(
                "op=PUT_OBJECT method=PUT bucket=photos key_len=14 status=200 in=1048576 out=0 ms=12.41 id=1A2B3C"
                        + " outcome=ok client=10.0.0.7");
    }

    @Test
    void missingValuesAreDashesAndErrorsAreNamed() {
        CompletedRequest r = new CompletedRequest("GET", "UNKNOWN", null, -1, 400, 0, 312, 500_000, null,
                "InvalidBucketName", null, "ok", "127.0.0.1/203.0.113.9");
        assertThat(AccessLog.format(r)).isEqualTo(
                "op=UNKNOWN method=GET bucket=- key_len=- status=400 in=0 out=312 ms=0.50 id=- error=InvalidBucketName"
                        + " outcome=ok client=127.0.0.1/203.0.113.9");
    }

    @Test
    void millisecondsRoundHalfUpToTwoDecimalsAsPercentTwoFDid() {
        for (long nanos : new long[] {0, 4_999, 5_000, 9_999, 10_000, 994_999, 995_000, 1_005_000, 12_412_000,
                123_456_789_012L}) {
            StringBuilder line = new StringBuilder();
            AccessLog.appendMillis(line, nanos);
            assertThat(line.toString()).as("%d ns", nanos)
                    .isEqualTo(new java.math.BigDecimal(nanos).movePointLeft(6)
                            .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        }
    }

    @Test
    void plainValuesPassThroughUncopied() {
        String id = "1A2B3C4D5E6F7081";
        assertThat(AccessLog.safe(id)).isSameAs(id);
    }

    @Test
    void valuesFromTheNetworkCannotBreakTheLine() {
        assertThat(AccessLog.safe("evil bucket\nop=FAKE")).isEqualTo("evil?bucket?op?FAKE");
    }
}
