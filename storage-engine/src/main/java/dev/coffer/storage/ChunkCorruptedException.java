package dev.coffer.storage;

import java.io.IOException;

/** A chunk failed its CRC32C check or its footer is unreadable. */
public final class ChunkCorruptedException extends IOException {
    private final ChunkId chunk;

    public ChunkCorruptedException(ChunkId chunk, String detail) {
        super("chunk " + chunk + " is corrupted: " + detail);
        this.chunk = chunk;
    }

    public ChunkId chunk() {
        return chunk;
    }
}
