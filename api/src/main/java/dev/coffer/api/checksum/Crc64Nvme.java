package dev.coffer.api.checksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones), the
 * CRC64NVME of S3's flexible checksums. The JDK has no CRC-64, so it is here, slicing-by-8.
 * Check value: CRC of "123456789" = 0xAE8B14860A799888.
 */
public final class Crc64Nvme implements Checksum {
    private static final long POLY = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLE = tables();

    private long crc = -1L;

    private static long[][] tables() {
        long[][] t = new long[8][256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            t[0][i] = c;
        }
        for (int i = 0; i < 256; i++) {
            for (int s = 1; s < 8; s++) t[s][i] = (t[s - 1][i] >>> 8) ^ t[0][(int) (t[s - 1][i] & 0xFF)];
        }
        return t;
    }

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLE[0][(int) ((crc ^ b) & 0xFF)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        update(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void update(ByteBuffer buffer) {
        ByteBuffer b = buffer.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? buffer : buffer.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int pos = b.position();
        int limit = b.limit();
        long c = crc;
        long[][] t = TABLE;
        while (limit - pos >= 8) {
            c ^= b.getLong(pos);
            c = t[7][(int) (c & 0xFF)] ^ t[6][(int) ((c >>> 8) & 0xFF)] ^ t[5][(int) ((c >>> 16) & 0xFF)]
                    ^ t[4][(int) ((c >>> 24) & 0xFF)] ^ t[3][(int) ((c >>> 32) & 0xFF)] ^ t[2][(int) ((c >>> 40) & 0xFF)]
                    ^ t[1][(int) ((c >>> 48) & 0xFF)] ^ t[0][(int) (c >>> 56)];
            pos += 8;
        }
        while (pos < limit) {
            c = (c >>> 8) ^ t[0][(int) ((c ^ b.get(pos)) & 0xFF)];
            pos++;
        }
        crc = c;
        buffer.position(limit);
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
