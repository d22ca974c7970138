package dev.coffer.storage;

import java.io.IOException;

/** A chunk failed its CRC32C check, its footer is unreadable, or its file could not be read ({@link ChunkUnreadableException}). */
public class ChunkCorruptedException extends IOException {
    private final ChunkId chunk;

    public ChunkCorruptedException(ChunkId chunk, String detail) {
        super("chunk " + chunk + " is corrupted: " + detail);
        this.chunk = chunk;
    }

    /** The same, caused by {@code cause} (a failed read of the file). */
    ChunkCorruptedException(ChunkId chunk, String detail, Throwable cause) {
        super("chunk " + chunk + " is corrupted: " + detail, cause);
        this.chunk = chunk;
    }

    public ChunkId chunk() {
        return chunk;
    }
}
