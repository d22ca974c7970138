package dev.coffer.api.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge cases of {@link CrcCombine}; the random splits are in {@link CrcCombinePropertyTest}. */
class CrcCombineTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checkValueSplitAfterFourBytes() {
        assertThat(CrcCombine.combine(ChecksumAlgorithm.CRC32, crc32("1234"), crc32("56789"), 5)).isEqualTo(0xCBF43926L);
        assertThat(CrcCombine.combine(ChecksumAlgorithm.CRC32C, crc32c("1234"), crc32c("56789"), 5)).isEqualTo(0xE3069283L);
        assertThat(CrcCombine.combine(ChecksumAlgorithm.CRC64NVME, crc64("1234"), crc64("56789"), 5))
                .isEqualTo(0xAE8B14860A799888L);
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void zeroLengthSecondPartLeavesFirstCrc(ChecksumAlgorithm algorithm) {
        long crcA = CrcCombinePropertyTest.crc(algorithm, CHECK, 0, CHECK.length);
        assertThat(CrcCombine.combine(algorithm, crcA, 0, 0)).isEqualTo(crcA);
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void emptyFirstPartGivesSecondCrc(ChecksumAlgorithm algorithm) {
        long crcB = CrcCombinePropertyTest.crc(algorithm, CHECK, 0, CHECK.length);
        assertThat(CrcCombine.combine(algorithm, 0, crcB, CHECK.length)).isEqualTo(crcB);
    }

    @Test
    void thirtyTwoBitCrcsIgnoreHighBitsOfInputs() {
        long a = crc32("1234");
        long b = crc32("56789");
        assertThat(CrcCombine.combine(ChecksumAlgorithm.CRC32, (int) a, (int) b, 5)).isEqualTo(0xCBF43926L);
    }

    @ParameterizedTest
    @EnumSource(names = {"SHA1", "SHA256"})
    void shaAlgorithmsCannotBeCombined(ChecksumAlgorithm algorithm) {
        assertThatThrownBy(() -> CrcCombine.combine(algorithm, 1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombine.combineBase64(algorithm, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeLengthIsRejected() {
        assertThatThrownBy(() -> CrcCombine.combine(ChecksumAlgorithm.CRC32, 1, 2, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombine.combineBase64(ChecksumAlgorithm.CRC32, List.of("AAAAAA=="), List.of(-1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mismatchedListsAreRejected() {
        assertThatThrownBy(() -> CrcCombine.combineBase64(ChecksumAlgorithm.CRC32, List.of("AAAAAA=="), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partChecksumOfWrongWidthOrNotBase64IsRejected() {
        // 8 bytes for a CRC32, 4 bytes for a CRC64NVME, and not base64 at all
        assertThatThrownBy(() -> CrcCombine.combineBase64(ChecksumAlgorithm.CRC32, List.of("AAAAAAAAAAA="), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombine.combineBase64(ChecksumAlgorithm.CRC64NVME, List.of("AAAAAA=="), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CrcCombine.combineBase64(ChecksumAlgorithm.CRC32C, List.of("!!!"), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noPartsIsTheEmptyObjectsCrc() {
        assertThat(CrcCombine.combineBase64(ChecksumAlgorithm.CRC32, List.of(), List.of())).isEqualTo(base64(ChecksumAlgorithm.CRC32, new byte[0]));
        assertThat(CrcCombine.combineBase64(ChecksumAlgorithm.CRC64NVME, List.of(), List.of()))
                .isEqualTo(base64(ChecksumAlgorithm.CRC64NVME, new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void base64MatchesTheCalculatorsEncoding(ChecksumAlgorithm algorithm) {
        String whole = CrcCombine.combineBase64(algorithm,
                List.of(base64(algorithm, "123".getBytes()), base64(algorithm, new byte[0]), base64(algorithm, "456789".getBytes())),
                List.of(3L, 0L, 6L));
        assertThat(whole).isEqualTo(base64(algorithm, CHECK));
    }

    static String base64(ChecksumAlgorithm algorithm, byte[] data) {
        ChecksumAlgorithm.Calculator c = algorithm.newCalculator();
        c.update(ByteBuffer.wrap(data));
        return c.base64();
    }

    private static long crc32(String s) {
        return CrcCombinePropertyTest.crc(ChecksumAlgorithm.CRC32, s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }

    private static long crc32c(String s) {
        return CrcCombinePropertyTest.crc(ChecksumAlgorithm.CRC32C, s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }

    private static long crc64(String s) {
        return CrcCombinePropertyTest.crc(ChecksumAlgorithm.CRC64NVME, s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
    }
}
