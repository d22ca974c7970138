package dev.coffer.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a store reads its own chunk files, and what it counts of their failures. A read that fails
 * with an I/O error (EIO: a bad sector, a failing device) becomes {@link ChunkUnreadableException},
 * which the verifying reader handles as a failed check: abort, quarantine. A closed channel (the
 * reader closed under a read: a download cancelled because its client went away) and the end of
 * the file (a short file: a failed check of its own) are not read errors. The read call itself is
 * a seam ({@link Read}): tests make it fail as a disk does. Thread-safe.
 */
final class ChunkFileReads {
    /** One positional read, as {@link FileChannel#read(ByteBuffer, long)}. */
    interface Read {
        int read(FileChannel channel, ByteBuffer dst, long position) throws IOException;
    }

    static final Read REAL = FileChannel::read;

    private final Read read;
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    ChunkFileReads(Read read) {
        this.read = read;
    }

    /** The bytes of a published chunk's file. @throws java.nio.file.NoSuchFileException if absent */
    ChunkBytes open(ChunkId id, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new ChunkBytes() {
            @Override
            public long size() throws IOException {
                try {
                    return channel.size();
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    throw failed(id, e);
                }
            }

            @Override
            public void readFully(ByteBuffer dst, long position) throws IOException {
                long at = position;
                while (dst.hasRemaining()) {
                    int n;
                    try {
                        n = read.read(channel, dst, at);
                    } catch (ClosedChannelException e) {
                        throw e;
                    } catch (IOException e) {
                        throw failed(id, e);
                    }
                    if (n < 0) throw new EOFException("file ends at " + at);
                    at += n;
                }
            }

            @Override
            public FileChannel file() {
                return channel;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Read errors since the store opened. */
    long failures() {
        return failures.get();
    }

    /** The last read error's description, or null if none. */
    String lastFailure() {
        return lastFailure;
    }

    private ChunkUnreadableException failed(ChunkId id, IOException cause) {
        failures.incrementAndGet();
        ChunkUnreadableException e = new ChunkUnreadableException(id, cause);
        lastFailure = e.getMessage();
        return e;
    }
}
