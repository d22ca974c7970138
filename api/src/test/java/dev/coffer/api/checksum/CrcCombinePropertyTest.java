package dev.coffer.api.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random byte arrays split at random points: combining the pieces' CRCs equals the CRC of the
 * whole. Fixed seeds, so a failure names a reproducible case. The AWS SDK's own combine is not on
 * the api test classpath, so for lengths too large to checksum directly we compare with an
 * independent implementation of zlib's original GF(2) matrix-squaring combine.
 */
class CrcCombinePropertyTest {
    private static final long SEED = 0xC0FFE2L;

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void randomSplitsOfSmallArrays(ChecksumAlgorithm algorithm) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int trial = 0; trial < 500; trial++) {
            byte[] data = bytes(random, random.nextInt(0, 2_000));
            assertSplitsCombine(algorithm, data, cuts(random, data.length, random.nextInt(0, 8)), "trial " + trial);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void everySplitOfAShortArrayIncludingEmptyAndOneBytePieces(ChecksumAlgorithm algorithm) {
        byte[] data = bytes(new SplittableRandom(SEED), 17);
        for (int i = 0; i <= data.length; i++) {
            for (int j = i; j <= data.length; j++) {
                assertSplitsCombine(algorithm, data, new int[] {i, j}, "cuts " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void aFewMebibytesInUnevenParts(ChecksumAlgorithm algorithm) {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        byte[] data = bytes(random, (5 << 20) + 12_345);
        assertSplitsCombine(algorithm, data, cuts(random, data.length, 6), "random cuts");
        // one huge part after a tiny one, and a one-byte part at the end
        assertSplitsCombine(algorithm, data, new int[] {1, data.length - 1}, "1 | huge | 1");
    }

    @ParameterizedTest
    @EnumSource(names = {"CRC32", "CRC32C", "CRC64NVME"})
    void hugeLengthsAgreeWithZlibMatrixSquaring(ChecksumAlgorithm algorithm) {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        long[] lengths = {0, 1, 7, 8, 255, 5L << 20, (5L << 30) - 1, 5L << 40, (5L << 40) + 12_345, Long.MAX_VALUE};
        for (long length : lengths) {
            long a = random.nextLong();
            long b = random.nextLong();
            assertThat(CrcCombine.combine(algorithm, a, b, length))
                    .as("length %d", length)
                    .isEqualTo(MatrixCombine.combine(algorithm, a, b, length));
        }
        for (int i = 0; i < 200; i++) {
            long length = random.nextLong(0, (5L << 40) + 1);
            long a = random.nextLong();
            long b = random.nextLong();
            assertThat(CrcCombine.combine(algorithm, a, b, length))
                    .as("length %d", length)
                    .isEqualTo(MatrixCombine.combine(algorithm, a, b, length));
        }
    }

    private static void assertSplitsCombine(ChecksumAlgorithm algorithm, byte[] data, int[] cuts, String what) {
        long expected = crc(algorithm, data, 0, data.length);
        long combined = 0;
        List<String> base64s = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : data.length;
            combined = CrcCombine.combine(algorithm, combined, crc(algorithm, data, from, to - from), to - from);
            base64s.add(CrcCombineTest.base64(algorithm, Arrays.copyOfRange(data, from, to)));
            lengths.add((long) (to - from));
            from = to;
        }
        assertThat(combined).as("%s %s of %d bytes", algorithm, what, data.length).isEqualTo(expected);
        assertThat(CrcCombine.combineBase64(algorithm, base64s, lengths))
                .as("%s %s of %d bytes, base64", algorithm, what, data.length)
                .isEqualTo(CrcCombineTest.base64(algorithm, data));
    }

    static long crc(ChecksumAlgorithm algorithm, byte[] data, int offset, int length) {
        Checksum c = switch (algorithm) {
            case CRC32 -> new CRC32();
            case CRC32C -> new CRC32C();
            case CRC64NVME -> new Crc64Nvme();
            default -> throw new IllegalArgumentException(algorithm.name());
        };
        c.update(ByteBuffer.wrap(data, offset, length));
        return c.getValue();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    /** Sorted cut points in [0, length], repeats allowed (empty pieces), biased to the ends (1-byte pieces). */
    private static int[] cuts(SplittableRandom random, int length, int count) {
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++) {
            cuts[i] = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> Math.min(1, length);
                case 2 -> Math.max(length - 1, 0);
                default -> random.nextInt(length + 1);
            };
        }
        Arrays.sort(cuts);
        return cuts;
    }

    /** zlib 1.2.11's crc32_combine (gf2_matrix_times / gf2_matrix_square), widened to 64 bits. */
    private static final class MatrixCombine {
        static long combine(ChecksumAlgorithm algorithm, long crc1, long crc2, long len2) {
            int width = algorithm == ChecksumAlgorithm.CRC64NVME ? 64 : 32;
            long poly = switch (algorithm) {
                case CRC32 -> 0xEDB88320L;
                case CRC32C -> 0x82F63B78L;
                case CRC64NVME -> 0x9A6C9329AC4BC9B5L;
                default -> throw new IllegalArgumentException(algorithm.name());
            };
            long mask = width == 64 ? -1L : 0xFFFFFFFFL;
            crc1 &= mask;
            crc2 &= mask;
            // zlib 1.2.11 returns crc1 here, ignoring crc2 (which is 0 for real empty data); 1.2.12+
            // and CrcCombine return crc1 ^ crc2, the value the formula gives for any crc2.
            if (len2 == 0) return crc1 ^ crc2;
            long[] odd = new long[width];
            long[] even = new long[width];
            odd[0] = poly; // operator for one zero bit
            for (int n = 1; n < width; n++) odd[n] = 1L << (n - 1);
            square(even, odd); // two zero bits
            square(odd, even); // four zero bits
            do {
                square(even, odd);
                if ((len2 & 1) != 0) crc1 = times(even, crc1);
                len2 >>>= 1;
                if (len2 == 0) break;
                square(odd, even);
                if ((len2 & 1) != 0) crc1 = times(odd, crc1);
                len2 >>>= 1;
            } while (len2 != 0);
            return crc1 ^ crc2;
        }

        private static long times(long[] mat, long vec) {
            long sum = 0;
            for (int i = 0; vec != 0; vec >>>= 1, i++) if ((vec & 1) != 0) sum ^= mat[i];
            return sum;
        }

        private static void square(long[] square, long[] mat) {
            for (int n = 0; n < mat.length; n++) square[n] = times(mat, mat[n]);
        }
    }
}
