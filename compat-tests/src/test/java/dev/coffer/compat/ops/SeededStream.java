package dev.coffer.compat.ops;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * {@code length} pseudo-random bytes from a seed, generated as they are read: a GiB payload with
 * no GiB in memory or on disk. The same seed and length always give the same bytes, so a reader
 * can compare what it downloads against {@link #sha256(long, long)}.
 */
public final class SeededStream extends InputStream {
    private final SplittableRandom random;
    private long remaining;
    private final byte[] block = new byte[8];
    private int blockPos = 8;

    public SeededStream(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            if (blockPos == 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8; j++) {
                    block[j] = (byte) (v >>> (8 * j));
                }
                blockPos = 0;
            }
            b[off + i] = block[blockPos++];
        }
        remaining -= n;
        return n;
    }

    /** The SHA-256 (hex) of the bytes a {@code SeededStream(seed, length)} yields. */
    public static String sha256(long seed, long length) {
        try (InputStream in = new SeededStream(seed, length)) {
            return sha256(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code in} to the end; returns the SHA-256 (hex) and counts nothing else. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
