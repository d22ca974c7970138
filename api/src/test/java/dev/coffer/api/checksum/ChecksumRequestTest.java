package dev.coffer.api.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

class ChecksumRequestTest {
    /** CRC32 and SHA256 of "hello world", as S3 and the AWS SDK send them. */
    private static final String CRC32 = "DUoRhQ==";
    private static final String SHA256 = "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=";

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) h.add(nameValues[i], nameValues[i + 1]);
        return h;
    }

    private static ChecksumRequest from(String... nameValues) {
        return ChecksumRequest.from(headers(nameValues)).orElseThrow();
    }

    private static S3Exception fromFails(String... nameValues) {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> ChecksumRequest.from(headers(nameValues)));
        assertThat(e).as("expected an S3Exception").isNotNull();
        return e;
    }

    private static void assertInvalidRequest(S3Exception e) {
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRequest);
        assertThat(e.status()).isEqualTo(400);
    }

    // from: header form

    @Test
    void writeWithoutChecksumHeadersCarriesNone() {
        assertThat(ChecksumRequest.from(headers("Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww==", "x-amz-checksum-type", "FULL_OBJECT")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void checksumHeaderGivesAlgorithmAndExpectedValue() {
        assertThat(from("x-amz-checksum-crc32", CRC32)).isEqualTo(new ChecksumRequest(ChecksumAlgorithm.CRC32, CRC32));
    }

    @Test
    void checksumHeaderNameIsCaseInsensitive() {
        assertThat(from("X-Amz-Checksum-SHA256", SHA256).algorithm()).isEqualTo(ChecksumAlgorithm.SHA256);
    }

    @Test
    void sdkAlgorithmHeaderThatAgreesIsAccepted() {
        assertThat(from("x-amz-sdk-checksum-algorithm", "crc32", "x-amz-checksum-crc32", CRC32).algorithm())
                .isEqualTo(ChecksumAlgorithm.CRC32);
    }

    @Test
    void sdkAlgorithmHeaderThatDisagreesIsInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-sdk-checksum-algorithm", "SHA256", "x-amz-checksum-crc32", CRC32));
    }

    @Test
    void unknownSdkAlgorithmIsInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-sdk-checksum-algorithm", "MD5", "x-amz-checksum-crc32", CRC32));
    }

    @Test
    void sdkAlgorithmWithoutAnyChecksumIsInvalidRequest() {
        S3Exception e = fromFails("x-amz-sdk-checksum-algorithm", "CRC32");

        assertInvalidRequest(e);
        assertThat(e.message()).contains("x-amz-sdk-checksum-algorithm specified");
    }

    @Test
    void twoChecksumHeadersAreInvalidRequest() {
        S3Exception e = fromFails("x-amz-checksum-crc32", CRC32, "x-amz-checksum-sha256", SHA256);

        assertInvalidRequest(e);
        assertThat(e.message()).contains("Multiple checksum Types are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "DUoRhQ", "DUoRhQ==DUoR", "AAAAAAAAAAA=", "AAA=", ""})
    void malformedOrWrongLengthValueIsInvalidRequest(String value) {
        S3Exception e = fromFails("x-amz-checksum-crc32", value);

        assertInvalidRequest(e);
        assertThat(e.message()).contains("x-amz-checksum-crc32");
    }

    @Test
    void sha256ValueOfCrc32LengthIsInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-checksum-sha256", CRC32));
    }

    @Test
    void crc64NvmeTakesEightBytes() {
        assertThat(from("x-amz-checksum-crc64nvme", "rosUhgp5mIg=").algorithm()).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertInvalidRequest(fromFails("x-amz-checksum-crc64nvme", CRC32));
    }

    // from: trailer form

    @Test
    void trailerAnnouncesTheAlgorithmWithTheValueStillToCome() {
        ChecksumRequest request = from(
                "x-amz-trailer", "x-amz-checksum-crc32c",
                "x-amz-sdk-checksum-algorithm", "CRC32C",
                "content-encoding", "aws-chunked");

        assertThat(request).isEqualTo(new ChecksumRequest(ChecksumAlgorithm.CRC32C, null));
    }

    @Test
    void trailerThatIsNotAChecksumIsInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-trailer", "x-amz-foo"));
    }

    @Test
    void trailerAndHeaderTogetherAreInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-trailer", "x-amz-checksum-crc32", "x-amz-checksum-crc32", CRC32));
    }

    @Test
    void sdkAlgorithmThatDisagreesWithTheTrailerIsInvalidRequest() {
        assertInvalidRequest(fromFails("x-amz-trailer", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "CRC32C"));
    }

    // verify

    @Test
    void matchingHeaderValuePasses() {
        assertThatCode(() -> new ChecksumRequest(ChecksumAlgorithm.CRC32, CRC32).verify(CRC32, Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void mismatchIsBadDigestNamingTheAlgorithm() {
        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> new ChecksumRequest(ChecksumAlgorithm.CRC32, CRC32).verify("AAAAAA==", Map.of()));

        assertThat(e.code()).isEqualTo(S3ErrorCode.BadDigest);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.message()).isEqualTo("The CRC32 you specified did not match the calculated checksum.");
    }

    @Test
    void matchingTrailerValuePasses() {
        assertThatCode(() -> new ChecksumRequest(ChecksumAlgorithm.CRC32, null)
                .verify(CRC32, Map.of("x-amz-checksum-crc32", CRC32))).doesNotThrowAnyException();
    }

    @Test
    void mismatchingTrailerValueIsBadDigest() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> new ChecksumRequest(ChecksumAlgorithm.CRC32, null)
                .verify("AAAAAA==", Map.of("x-amz-checksum-crc32", CRC32)));

        assertThat(e.code()).isEqualTo(S3ErrorCode.BadDigest);
    }

    @Test
    void missingTrailerIsInvalidRequest() {
        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> new ChecksumRequest(ChecksumAlgorithm.CRC32, null).verify(CRC32, Map.of()));

        assertInvalidRequest(e);
        assertThat(e.message()).contains("x-amz-checksum-crc32");
    }

    @Test
    void trailerOfAnotherAlgorithmDoesNotCount() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> new ChecksumRequest(ChecksumAlgorithm.CRC32, null)
                .verify(CRC32, Map.of("x-amz-checksum-crc32c", "yZRlqg==")));

        assertInvalidRequest(e);
    }

    @Test
    void malformedTrailerValueIsInvalidRequest() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> new ChecksumRequest(ChecksumAlgorithm.CRC32, null)
                .verify(CRC32, Map.of("x-amz-checksum-crc32", "%%%")));

        assertInvalidRequest(e);
    }
}
