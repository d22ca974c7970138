package dev.coffer.storage;

/** A published chunk and the number of payload bytes it holds. */
public record ChunkRef(ChunkId id, long length) {
    public ChunkRef {
        if (length < 0) throw new IllegalArgumentException("negative length");
    }
}
