package dev.coffer.storage;

import java.io.IOException;

/**
 * A chunk file's bytes could not be read from this node's disk: the read failed with an I/O error
 * (EIO from a bad sector, a failing device), not a CRC mismatch. Handled as a corrupted chunk is:
 * the reader aborts, the chunk is quarantined and no byte of the failed block is returned.
 */
public final class ChunkUnreadableException extends ChunkCorruptedException {
    public ChunkUnreadableException(ChunkId chunk, IOException cause) {
        super(chunk, "reading its file failed: " + cause.getMessage(), cause);
    }
}
