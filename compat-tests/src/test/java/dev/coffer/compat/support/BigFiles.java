package dev.coffer.compat.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/** Large files written and compared in bounded memory, never held whole. */
public final class BigFiles {
    private BigFiles() {
    }

    /** Writes {@code size} pseudo-random bytes (same seed, same bytes) to {@code file}, 1 MiB at a time. */
    public static Path write(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[TestData.MIB];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, left));
                while (b.hasRemaining()) out.write(b);
            }
        }
        return file;
    }

    /** Whether two files hold the same bytes, read 1 MiB at a time; the first difference in the message otherwise. */
    public static void assertSame(Path actual, Path expected) throws IOException {
        long size = Files.size(expected);
        if (Files.size(actual) != size) {
            throw new AssertionError(actual + " has " + Files.size(actual) + " bytes, expected " + size);
        }
        try (InputStream a = Files.newInputStream(actual); InputStream e = Files.newInputStream(expected)) {
            byte[] ba = new byte[TestData.MIB];
            byte[] be = new byte[TestData.MIB];
            for (long at = 0; at < size; ) {
                int n = a.readNBytes(ba, 0, ba.length);
                e.readNBytes(be, 0, n);
                if (java.util.Arrays.mismatch(ba, 0, n, be, 0, n) >= 0) {
                    throw new AssertionError(actual + " differs from " + expected + " near byte "
                            + (at + java.util.Arrays.mismatch(ba, 0, n, be, 0, n)));
                }
                at += n;
            }
        }
    }
}
