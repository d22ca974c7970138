package dev.coffer.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A plain (unencrypted) chunk's own file, for a caller that sends its payload straight from the
 * file (sendfile) instead of copying it through a buffer: payload byte p is file byte p
 * (FORMAT.md, "Why this layout"), and a published chunk file is never written again (FORMAT.md,
 * "Writing and publishing"), so the bytes the kernel sends are the bytes {@link #verify} checked.
 * Obtained from {@link ChunkReader#plainFile()}; belongs to its reader (closed with it).
 */
public interface PlainChunkFile {
    /** The chunk file, open for reading. Positional transfers only: its position is not used. */
    FileChannel channel();

    /**
     * Checks the CRC32C of every block that payload bytes [position, position + count) touch, as
     * {@link ChunkReader#read} does, without copying them anywhere the caller sees. Blocking.
     *
     * <p>REQUIRES: {@code 0 <= position}, {@code 0 <= count}, {@code position + count <= length}.
     *
     * @throws ChunkCorruptedException if a block fails (the chunk is quarantined, as for read);
     *     the caller must send no byte of [position, position + count) then
     */
    void verify(long position, long count) throws IOException;
}
