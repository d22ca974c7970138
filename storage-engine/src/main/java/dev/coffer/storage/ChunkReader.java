package dev.coffer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads byte ranges of one published chunk, checking the CRC32C of every block a read touches
 * before any byte of it is returned. Blocking: call off the event loop. Not thread-safe: one
 * reader serves one stream (it keeps a block buffer); open one per concurrent read.
 */
public interface ChunkReader extends AutoCloseable {

    /** Payload length of the chunk. */
    long length();

    /**
     * Copies up to {@code dst.remaining()} payload bytes starting at {@code position} into dst.
     * Returns the number copied, or -1 at or past the end. Fills dst as far as the chunk allows.
     * Fastest when position is a multiple of 64 KiB and dst holds whole blocks (ideally direct).
     *
     * <p>REQUIRES: {@code position >= 0}.
     *
     * @throws ChunkCorruptedException if a touched block fails its CRC32C check (the chunk is
     *     quarantined and no byte of that block is copied); after it, every read of this
     *     reader throws it too
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /**
     * This chunk's own file, when its stored bytes are the payload a client is sent: a plain chunk
     * of this store. Null for an encrypted chunk (the file holds ciphertext) and for bytes that are
     * not a file of this store (another node's replica).
     */
    default PlainChunkFile plainFile() {
        return null;
    }

    @Override
    void close() throws IOException;
}
