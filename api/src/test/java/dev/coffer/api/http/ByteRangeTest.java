package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    private static ByteRange range(String header, long size) {
        return ByteRange.parse(header, size).orElseThrow();
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return catchThrowableOfType(S3Exception.class, () -> ByteRange.parse(header, size));
    }

    @Test
    void firstTenBytes() {
        ByteRange r = range("bytes=0-9", 100);

        assertThat(r).isEqualTo(new ByteRange(0, 9));
        assertThat(r.length()).isEqualTo(10);
        assertThat(r.contentRange(100)).isEqualTo("bytes 0-9/100");
    }

    @Test
    void singleByte() {
        assertThat(range("bytes=5-5", 100)).isEqualTo(new ByteRange(5, 5));
        assertThat(range("bytes=5-5", 100).length()).isEqualTo(1);
    }

    @Test
    void openEndedRangeRunsToTheLastByte() {
        assertThat(range("bytes=10-", 100)).isEqualTo(new ByteRange(10, 99));
    }

    @Test
    void suffixRangeServesTheLastBytes() {
        assertThat(range("bytes=-5", 100)).isEqualTo(new ByteRange(95, 99));
    }

    @Test
    void suffixRangeLongerThanObjectServesWholeObject() {
        assertThat(range("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
    }

    @Test
    void lastBytePastTheEndIsClampedToTheObject() {
        ByteRange r = range("bytes=90-1000", 100);

        assertThat(r).isEqualTo(new ByteRange(90, 99));
        assertThat(r.contentRange(100)).isEqualTo("bytes 90-99/100");
    }

    @Test
    void rangeEndingOnTheLastByteIsServed() {
        assertThat(range("bytes=99-99", 100)).isEqualTo(new ByteRange(99, 99));
    }

    @Test
    void surroundingWhitespaceIsTolerated() {
        assertThat(range("  bytes=0-9 ", 100)).isEqualTo(new ByteRange(0, 9));
    }

    @Test
    void zeroLengthSuffixIsUnsatisfiable() {
        S3Exception e = unsatisfiable("bytes=-0", 100);

        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRange);
        assertThat(e.status()).isEqualTo(416);
        assertThat(e.headers()).containsEntry("Content-Range", "bytes */100");
    }

    @Test
    void firstBytePastTheEndIsUnsatisfiable() {
        S3Exception e = unsatisfiable("bytes=100-200", 100);

        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidRange);
        assertThat(e.status()).isEqualTo(416);
        assertThat(e.headers()).containsEntry("Content-Range", "bytes */100");
    }

    @Test
    void unsatisfiableRangeNamesTheRangeAndTheObjectSizeAsS3Does() {
        S3Exception e = unsatisfiable("bytes=150-", 100);

        assertThat(e.elements())
                .containsEntry("RangeRequested", "bytes=150-")
                .containsEntry("ActualObjectSize", "100");
    }

    @Test
    void anyRangeOfAnEmptyObjectIsUnsatisfiable() {
        assertThat(unsatisfiable("bytes=0-", 0).headers()).containsEntry("Content-Range", "bytes */0");
        assertThat(unsatisfiable("bytes=0-0", 0).status()).isEqualTo(416);
        assertThat(unsatisfiable("bytes=-1", 0).status()).isEqualTo(416);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "bytes=", "bytes=-", "bytes=abc", "bytes=a-b", "bytes 0-9", "items=0-9", "0-9",
        "bytes=9-0", "bytes=0-9,20-29", "bytes=0-9, 20-29", "bytes=--5", "bytes=0--9", "bytes=1.5-2",
        "bytes=99999999999999999999-"
    })
    void malformedOrMultiRangeHeaderIsIgnored(String header) {
        assertThat(ByteRange.parse(header, 100)).isEqualTo(Optional.empty());
    }
}
