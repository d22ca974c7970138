package dev.coffer.api.checksum;

import java.util.Base64;
import java.util.List;

/**
 * The CRC of A‖B from CRC(A), CRC(B) and the length of B, so a FULL_OBJECT multipart checksum
 * (CRC32, CRC32C, CRC64NVME) can be checked from the parts' CRCs without re-reading the bytes.
 *
 * <p>All three are reflected CRCs with init and xor-out all ones, for which
 * {@code crc(A‖B) = crc(A) · x^(8·|B|) mod P  ⊕  crc(B)}. This is zlib's {@code crc32_combine}:
 * its older releases raise the "append one zero bit" operator to the n-th power by squaring a
 * GF(2) matrix; since 1.2.12 it multiplies by {@code x^(8n) mod P} from a table of
 * {@code x^(2^k) mod P} instead. Both are O(log n); we use the second (the same algebra, one
 * polynomial multiply per set bit of n instead of a 64×64 matrix square per bit), generalized to
 * 64 bits for CRC64NVME.
 */
public final class CrcCombine {
    private static final Field CRC32 = new Field(32, 0xEDB88320L);
    private static final Field CRC32C = new Field(32, 0x82F63B78L);
    private static final Field CRC64NVME = new Field(64, 0x9A6C9329AC4BC9B5L);

    private CrcCombine() {}

    /**
     * CRC(A‖B) given {@code crcA} = CRC(A), {@code crcB} = CRC(B) and {@code lengthB} = |B| in
     * bytes. For the 32-bit CRCs only the low 32 bits of the inputs are read and the result is in
     * the low 32 bits, as {@link java.util.zip.CRC32#getValue()} gives it.
     *
     * @throws IllegalArgumentException for SHA1/SHA256 (S3 only allows COMPOSITE for those) or a
     *     negative length
     */
    public static long combine(ChecksumAlgorithm algorithm, long crcA, long crcB, long lengthB) {
        if (lengthB < 0) throw new IllegalArgumentException("negative length: " + lengthB);
        return field(algorithm).combine(crcA, crcB, lengthB);
    }

    /**
     * The whole object's CRC, base64 of its big-endian bytes (4 for the CRC32s, 8 for
     * CRC64NVME) as S3 and {@link ChecksumAlgorithm.Calculator#base64()} encode it, from each
     * part's CRC in the same encoding and each part's length in bytes. No parts gives the CRC of
     * the empty object (zero).
     *
     * @throws IllegalArgumentException for SHA1/SHA256, lists of different sizes, a negative
     *     length, or a part checksum that is not base64 of exactly 4 (or 8) bytes
     */
    public static String combineBase64(ChecksumAlgorithm algorithm, List<String> partChecksumsBase64,
            List<Long> partLengths) {
        Field field = field(algorithm);
        if (partChecksumsBase64.size() != partLengths.size()) {
            throw new IllegalArgumentException(partChecksumsBase64.size() + " checksums but "
                    + partLengths.size() + " lengths");
        }
        int bytes = field.width / 8;
        long crc = 0; // the CRC of no bytes, for all three
        for (int i = 0; i < partLengths.size(); i++) {
            long length = partLengths.get(i);
            if (length < 0) throw new IllegalArgumentException("negative length of part " + (i + 1) + ": " + length);
            crc = field.combine(crc, decode(partChecksumsBase64.get(i), bytes, i), length);
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) out[i] = (byte) (crc >>> (8 * (bytes - 1 - i)));
        return Base64.getEncoder().encodeToString(out);
    }

    private static long decode(String base64, int bytes, int index) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checksum of part " + (index + 1) + " is not base64", e);
        }
        if (raw.length != bytes) {
            throw new IllegalArgumentException("checksum of part " + (index + 1) + " has " + raw.length
                    + " bytes, expected " + bytes);
        }
        long v = 0;
        for (byte b : raw) v = (v << 8) | (b & 0xFF);
        return v;
    }

    private static Field field(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> CRC32;
            case CRC32C -> CRC32C;
            case CRC64NVME -> CRC64NVME;
            case SHA1, SHA256 -> throw new IllegalArgumentException(
                    algorithm + " cannot be combined; S3 only allows COMPOSITE checksums for it");
        };
    }

    /**
     * Polynomials modulo one reflected CRC polynomial P of 32 or 64 bits, held in a long the way
     * the CRC register holds them: the top bit of the width is x^0, bit 0 is x^(width-1).
     */
    private static final class Field {
        final int width;
        private final long poly;
        private final long one; // x^0
        private final long mask;
        /** x^(2^k) mod P; entries 3..65 cover every non-negative long n in x^(8n). */
        private final long[] x2k = new long[66];

        Field(int width, long poly) {
            this.width = width;
            this.poly = poly;
            this.one = 1L << (width - 1);
            this.mask = width == 64 ? -1L : (1L << width) - 1;
            x2k[0] = one >>> 1; // x^1
            for (int k = 1; k < x2k.length; k++) x2k[k] = multiply(x2k[k - 1], x2k[k - 1]);
        }

        long combine(long crcA, long crcB, long lengthB) {
            return multiply(xPow8n(lengthB), crcA & mask) ^ (crcB & mask);
        }

        /** a · b mod P (zlib's multmodp). */
        private long multiply(long a, long b) {
            long product = 0;
            for (long m = one; m != 0; m >>>= 1) {
                if ((a & m) != 0) {
                    product ^= b;
                    if ((a & (m - 1)) == 0) break;
                }
                b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
            }
            return product;
        }

        /** x^(8n) mod P, one multiply per set bit of n (zlib's x2nmodp(n, 3)). */
        private long xPow8n(long n) {
            long p = one;
            for (int k = 3; n != 0; n >>>= 1, k++) {
                if ((n & 1) != 0) p = multiply(x2k[k], p);
            }
            return p;
        }
    }
}
