package dev.coffer.api.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.DefaultRetention;
import dev.coffer.metadata.LegalHold;
import dev.coffer.metadata.Retention;
import dev.coffer.metadata.RetentionMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** The Object Lock headers of a write, validated as S3 validates them, and a bucket's default retention. */
class LockHeadersTest {
    private static final long NOW = 1_800_000_000_000L;

    private static HttpHeaders headers(String... pairs) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) h.add(pairs[i], pairs[i + 1]);
        return h;
    }

    private static S3Exception refusal(HttpHeaders h) {
        return (S3Exception) org.assertj.core.api.Assertions.catchThrowable(() -> LockHeaders.attributes(h, NOW));
    }

    @Test
    void modeDateAndHoldBecomeTheVersionsAttributes() {
        Map<String, byte[]> a = LockHeaders.attributes(headers(LockHeaders.MODE, "COMPLIANCE",
                LockHeaders.RETAIN_UNTIL, "2030-01-01T00:00:00Z", LockHeaders.LEGAL_HOLD, "ON"), NOW);
        assertThat(Retention.decode(a.get(Retention.ATTRIBUTE)))
                .isEqualTo(new Retention(RetentionMode.COMPLIANCE, 1_893_456_000_000L));
        assertThat(LegalHold.decode(a.get(LegalHold.ATTRIBUTE))).isTrue();
        assertThat(LockHeaders.attributes(headers(), NOW)).isEmpty();
        assertThat(LockHeaders.attributes(headers(LockHeaders.MODE, "GOVERNANCE",
                LockHeaders.RETAIN_UNTIL, "2030-01-01T01:00:00.5+01:00"), NOW)).containsKey(Retention.ATTRIBUTE);
    }

    @Test
    void aModeWithoutADateAnUnknownModeAPastDateAndABadHoldAreInvalidArguments() {
        assertThat(refusal(headers(LockHeaders.MODE, "GOVERNANCE")).message())
                .isEqualTo("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        assertThat(refusal(headers(LockHeaders.RETAIN_UNTIL, "2030-01-01T00:00:00Z")).code()).isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(refusal(headers(LockHeaders.MODE, "governance", LockHeaders.RETAIN_UNTIL, "2030-01-01T00:00:00Z"))
                .message()).isEqualTo("Unknown wormMode directive.");
        assertThat(refusal(headers(LockHeaders.MODE, "GOVERNANCE", LockHeaders.RETAIN_UNTIL, "2020-01-01T00:00:00Z"))
                .message()).isEqualTo("The retain until date must be in the future!");
        assertThat(refusal(headers(LockHeaders.MODE, "GOVERNANCE", LockHeaders.RETAIN_UNTIL, "tomorrow")).code())
                .isEqualTo(S3ErrorCode.InvalidArgument);
        assertThat(refusal(headers(LockHeaders.LEGAL_HOLD, "yes")).message())
                .isEqualTo("Legal Hold must be either of 'ON' or 'OFF'");
    }

    @Test
    void lockParametersNeedContentMd5OrAFlexibleChecksum() {
        assertThatThrownBy(() -> LockHeaders.requireIntegrity(headers(LockHeaders.LEGAL_HOLD, "ON")))
                .isInstanceOf(S3Exception.class).hasMessageContaining("Content-MD5 OR x-amz-checksum- HTTP header is required");
        assertThatCode(() -> LockHeaders.requireIntegrity(headers(LockHeaders.LEGAL_HOLD, "ON", "Content-MD5", "x")))
                .doesNotThrowAnyException();
        assertThatCode(() -> LockHeaders.requireIntegrity(headers(LockHeaders.LEGAL_HOLD, "ON",
                "x-amz-checksum-crc32", "AAAAAA=="))).doesNotThrowAnyException();
        assertThatCode(() -> LockHeaders.requireIntegrity(headers(LockHeaders.LEGAL_HOLD, "ON",
                "x-amz-sdk-checksum-algorithm", "CRC32", "x-amz-trailer", "x-amz-checksum-crc32"))).doesNotThrowAnyException();
        assertThatCode(() -> LockHeaders.requireIntegrity(headers())).doesNotThrowAnyException();
    }

    @Test
    void theDefaultRetentionCountsDaysOrYearsOfTheConfiguredLengthFromCreation() {
        BucketRecord days = BucketRecord.lockEnabled("b", 0, null, "o")
                .withObjectLock(new DefaultRetention(RetentionMode.GOVERNANCE, 2, 0));
        DefaultRetentions shortDays = new DefaultRetentions(2_000);
        assertThat(Retention.decode(shortDays.apply(days, Map.of(), NOW).get(Retention.ATTRIBUTE)))
                .isEqualTo(new Retention(RetentionMode.GOVERNANCE, NOW + 4_000));
        BucketRecord years = days.withObjectLock(new DefaultRetention(RetentionMode.COMPLIANCE, 0, 1));
        assertThat(Retention.decode(DefaultRetentions.standard().apply(years, Map.of(), NOW).get(Retention.ATTRIBUTE)))
                .isEqualTo(new Retention(RetentionMode.COMPLIANCE, NOW + 365L * 86_400_000L));
        Map<String, byte[]> own = Map.of(Retention.ATTRIBUTE, new Retention(RetentionMode.GOVERNANCE, NOW + 1).encode());
        assertThat(shortDays.apply(days, own, NOW)).isSameAs(own);
        BucketRecord none = BucketRecord.lockEnabled("b", 0, null, "o");
        assertThat(shortDays.apply(none, Map.of(), NOW)).isEmpty();
    }

    @Test
    void retainUntilDatesAreWrittenInUtcToTheMillisecond() {
        assertThat(LockDates.format(1_893_456_000_123L)).isEqualTo("2030-01-01T00:00:00.123Z");
        assertThat(LockDates.parse("2030-01-01T00:00:00.123Z", "x")).isEqualTo(1_893_456_000_123L);
    }
}
