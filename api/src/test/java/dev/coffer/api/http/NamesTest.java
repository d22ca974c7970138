package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The general purpose bucket naming rules of the S3 User Guide, one row per rule, and the key length limit. */
class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "abc",                                                               // 3 characters, the minimum
        "a23456789012345678901234567890123456789012345678901234567890123",   // 63 characters, the maximum
        "123",
        "my-bucket",
        "my.bucket.name",
        "a.b-c.d",
        "docexamplebucket1",
        "a-b",
        "a--b",
        "1.2.3",                      // dotted, but not four octets
        "192.168.5.4.5",              // five numbers is not an IP address
        "xn-bucket",                  // only the xn-- prefix is reserved
        "bucketxn--a",
        "sthree",
        "amzn-s3-demo",
        "my-s3alias-bucket",          // reserved suffixes only count at the end
        "mrap.bucket",
        "bucket-x-s3"
    })
    void validNamesAreAccepted(String name) {
        assertThatCode(() -> Names.checkBucket(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "too short                     | ab",
        "too long                      | a234567890123456789012345678901234567890123456789012345678901234",
        "empty                         | ''",
        "upper case                    | My-Bucket",
        "underscore                    | my_bucket",
        "space                         | my bucket",
        "non-ASCII letter              | bücket",
        "starts with a hyphen          | -bucket",
        "ends with a hyphen            | bucket-",
        "starts with a period          | .bucket",
        "ends with a period            | bucket.",
        "two adjacent periods          | my..bucket",
        "period next to hyphen         | my.-bucket",
        "hyphen next to period         | my-.bucket",
        "IP address                    | 192.168.5.4",
        "xn-- prefix                   | xn--bucket",
        "sthree- prefix                | sthree-bucket",
        "sthree-configurator prefix    | sthree-configurator",
        "amzn-s3-demo- prefix          | amzn-s3-demo-bucket",
        "-s3alias suffix               | bucket-s3alias",
        "--ol-s3 suffix                | bucket--ol-s3",
        ".mrap suffix                  | bucket.mrap",
        "--x-s3 suffix                 | bucket--x-s3",
        "--table-s3 suffix             | bucket--table-s3",
        "reserved prefix _ (Coffer)    | _coffer"
    })
    void invalidNamesAreInvalidBucketName(String rule, String name) {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> Names.checkBucket(name));

        assertThat(e).as(rule).isNotNull();
        assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidBucketName);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.elements()).containsEntry("BucketName", name);
    }

    @Test
    void nullBucketNameIsInvalid() {
        assertThat(catchThrowableOfType(S3Exception.class, () -> Names.checkBucket(null)).code())
                .isEqualTo(S3ErrorCode.InvalidBucketName);
    }

    @Test
    void keyOf1024BytesIsAccepted() {
        assertThatCode(() -> Names.checkKey("k".repeat(1024))).doesNotThrowAnyException();
    }

    @Test
    void keyOf1025BytesIsKeyTooLong() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> Names.checkKey("k".repeat(1025)));

        assertThat(e.code()).isEqualTo(S3ErrorCode.KeyTooLongError);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.elements()).containsEntry("Size", "1025").containsEntry("MaxSizeAllowed", "1024");
    }

    @Test
    void keyLengthIsCountedInUtf8BytesNotCharacters() {
        String fits = "é".repeat(512);          // 512 chars, 1024 bytes
        String tooLong = "é".repeat(513);       // 513 chars, 1026 bytes
        String fourByte = "\uD83D\uDE00".repeat(257); // 514 chars, 1028 bytes

        assertThatCode(() -> Names.checkKey(fits)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(S3Exception.class, () -> Names.checkKey(tooLong)).elements())
                .containsEntry("Size", "1026");
        assertThat(catchThrowableOfType(S3Exception.class, () -> Names.checkKey(fourByte)).code())
                .isEqualTo(S3ErrorCode.KeyTooLongError);
    }

    /**
     * The one-pass check against the rules written as regular expressions (how they were checked
     * before): random names over an alphabet with every character class the rules mention, lengths
     * around both limits, and the reserved affixes and IPv4 forms planted often enough to matter.
     */
    @Test
    void onePassCheckAgreesWithTheRulesAsRegularExpressions() {
        java.util.regex.Pattern bucket = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        java.util.regex.Pattern ip = java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        String[] affixes = {"xn--", "sthree-", "amzn-s3-demo-", "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3",
            "1.2.3.4", "255.255.255.255", "1234.1.1.1", ".", "-", "..", "-.", ".-", "--"};
        String alphabet = "abz09.-.-A_ü 1";
        java.util.Random random = new java.util.Random(23);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(8) == 0 ? 60 + random.nextInt(6) : random.nextInt(12);
            while (name.length() < length) {
                if (random.nextInt(6) == 0) name.append(affixes[random.nextInt(affixes.length)]);
                else name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = name.toString();
            boolean expected = bucket.matcher(s).matches() && !s.contains("..") && !s.contains(".-")
                    && !s.contains("-.") && !ip.matcher(s).matches()
                    && java.util.stream.Stream.of("xn--", "sthree-", "amzn-s3-demo-").noneMatch(s::startsWith)
                    && java.util.stream.Stream.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3").noneMatch(s::endsWith);
            assertThat(Names.validBucket(s)).as(s).isEqualTo(expected);
            if (expected) accepted++;
        }
        assertThat(accepted).as("valid names drawn").isGreaterThan(5_000);
    }
}
