package dev.coffer.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Chunk files under one root directory, laid out as storage-engine/FORMAT.md says. Knows nothing
 * of buckets, keys or HTTP. All methods block: call them off the event loop. Thread-safe.
 */
public final class ChunkStore implements AutoCloseable {

    private ChunkStore() {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Opens (creating if needed) the store under {@code root} and deletes leftover temporary
     * files from an earlier run. {@code maxChunkSize} bounds the payload bytes of one chunk.
     */
    public static ChunkStore open(Path root, long maxChunkSize) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Starts writing a new byte stream. */
    public ChunkWriter newWriter() throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Opens a published chunk for reading. @throws java.nio.file.NoSuchFileException if absent */
    public ChunkReader openReader(ChunkId id) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Deletes a published chunk. Idempotent: deleting an absent chunk is not an error. */
    public void delete(ChunkId id) throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Every published chunk, for the orphan sweep at start. */
    public List<ChunkId> listChunks() throws IOException {
        throw new UnsupportedOperationException("to be written");
    }

    @Override
    public void close() {
    }
}
