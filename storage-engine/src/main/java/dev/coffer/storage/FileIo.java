package dev.coffer.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The few loops FileChannel leaves to its caller. */
final class FileIo {
    private FileIo() {}

    /** Fills {@code dst} from {@code position} on. @throws EOFException if the file ends first */
    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) throw new EOFException("file ends at " + at);
            at += n;
        }
    }

    /** Writes all of {@code src} at the channel's position. */
    static void writeFully(FileChannel channel, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    /** Makes the entries of {@code dir} (creations, renames) durable. POSIX; Linux and macOS. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
