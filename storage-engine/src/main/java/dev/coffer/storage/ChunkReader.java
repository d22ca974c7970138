package dev.coffer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads byte ranges of one published chunk, checking the CRC32C of every block a read touches
 * before any byte of it is returned. Blocking: call off the event loop.
 */
public interface ChunkReader extends AutoCloseable {

    /** Payload length of the chunk. */
    long length();

    /**
     * Copies up to {@code dst.remaining()} payload bytes starting at {@code position} into dst.
     * Returns the number copied, or -1 at or past the end.
     *
     * @throws ChunkCorruptedException if a touched block fails its CRC32C check (the chunk is
     *     quarantined and no byte of that block is copied)
     */
    int read(long position, ByteBuffer dst) throws IOException;

    @Override
    void close() throws IOException;
}
