package dev.coffer.api.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The values S3 sends for each algorithm: big-endian CRC bytes or the digest, base64. The CRC32,
 * CRC32C, SHA1 and SHA256 vectors were produced with the AWS SDK for Java v2's own
 * {@code software.amazon.awssdk.checksums.SdkChecksum} (2.57.8), which is not on this classpath;
 * CRC64NVME values are the aws-checksums test vectors.
 */
class ChecksumAlgorithmTest {

    private static String compute(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.Calculator c = algorithm.newCalculator();
        c.update(ByteBuffer.wrap(data));
        return c.base64();
    }

    private static String bigEndian(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        return Base64.getEncoder().encodeToString(out);
    }

    @ParameterizedTest(name = "{0} of \"{1}\" is {2}")
    @CsvSource(delimiter = '|', value = {
        "CRC32     | hello world | DUoRhQ==",
        "CRC32C    | hello world | yZRlqg==",
        "SHA1      | hello world | Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
        "SHA256    | hello world | uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
        "CRC32     | 123456789   | y/Q5Jg==",
        "CRC32C    | 123456789   | 4waSgw==",
        "SHA1      | 123456789   | 98O8HYCOBHMq32eZZczDTKeuNEE=",
        "SHA256    | 123456789   | FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
        "CRC64NVME | 123456789   | rosUhgp5mIg=",
        "CRC64NVME | hello world! | 2RYNH6jkGOM=",
        "CRC32     | ''          | AAAAAA==",
        "CRC32C    | ''          | AAAAAA==",
        "CRC64NVME | ''          | AAAAAAAAAAA=",
        "SHA1      | ''          | 2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
        "SHA256    | ''          | 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    })
    void knownVectors(ChecksumAlgorithm algorithm, String text, String expected) {
        assertThat(compute(algorithm, text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void crc64NvmeCheckValueIsSentBigEndian() {
        assertThat(compute(ChecksumAlgorithm.CRC64NVME, "123456789".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(bigEndian(0xAE8B14860A799888L, 8));
    }

    @Test
    void agreesWithTheJdkOnRandomData() throws Exception {
        byte[] data = new byte[100_003];
        new Random(42).nextBytes(data);
        CRC32 crc32 = new CRC32();
        crc32.update(data);
        CRC32C crc32c = new CRC32C();
        crc32c.update(data);

        assertThat(compute(ChecksumAlgorithm.CRC32, data)).isEqualTo(bigEndian(crc32.getValue(), 4));
        assertThat(compute(ChecksumAlgorithm.CRC32C, data)).isEqualTo(bigEndian(crc32c.getValue(), 4));
        assertThat(compute(ChecksumAlgorithm.SHA1, data)).isEqualTo(
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data)));
        assertThat(compute(ChecksumAlgorithm.SHA256, data)).isEqualTo(
                Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void streamingInPiecesEqualsOneShot(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        ChecksumAlgorithm.Calculator c = algorithm.newCalculator();
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        for (int at = 0; at < data.length; at += 333) {
            c.update(direct.duplicate().position(at).limit(Math.min(at + 333, data.length)));
        }

        assertThat(c.base64()).isEqualTo(compute(algorithm, data));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void updateLeavesTheBufferPositionAlone(ChecksumAlgorithm algorithm) {
        ByteBuffer data = ByteBuffer.wrap(new byte[50]).position(5);
        algorithm.newCalculator().update(data);

        assertThat(data.position()).isEqualTo(5);
        assertThat(data.remaining()).isEqualTo(45);
    }

    @ParameterizedTest
    @CsvSource({
        "CRC32, x-amz-checksum-crc32",
        "CRC32C, x-amz-checksum-crc32c",
        "CRC64NVME, x-amz-checksum-crc64nvme",
        "SHA1, x-amz-checksum-sha1",
        "SHA256, x-amz-checksum-sha256"
    })
    void headerNamesAreTheAwsOnes(ChecksumAlgorithm algorithm, String header) {
        assertThat(algorithm.header()).isEqualTo(header);
        assertThat(ChecksumAlgorithm.byHeader(header)).contains(algorithm);
        assertThat(ChecksumAlgorithm.byHeader(header.toUpperCase())).contains(algorithm);
        assertThat(ChecksumAlgorithm.named(algorithm.name().toLowerCase())).contains(algorithm);
        assertThat(ChecksumAlgorithm.named(" " + algorithm.name() + " ")).contains(algorithm);
    }

    @Test
    void unknownNamesAndHeadersAreEmpty() {
        assertThat(ChecksumAlgorithm.named("MD5")).isEmpty();
        assertThat(ChecksumAlgorithm.named("")).isEmpty();
        assertThat(ChecksumAlgorithm.byHeader("x-amz-checksum-type")).isEmpty();
        assertThat(ChecksumAlgorithm.byHeader("x-amz-checksum-algorithm")).isEmpty();
        assertThat(ChecksumAlgorithm.byHeader("content-md5")).isEmpty();
    }
}
