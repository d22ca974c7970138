package dev.coffer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Streams one object's bytes into one or more chunk files (a new chunk starts when the current one
 * reaches the store's maximum chunk size). Nothing is visible until {@link #finish()}.
 *
 * <p>Not thread-safe: one writer belongs to one upload. Blocking: call off the event loop.
 */
public interface ChunkWriter extends AutoCloseable {

    /**
     * Appends all remaining bytes of {@code src} (its position advances to its limit).
     * If it throws, the writer is aborted and every later call but abort/close is refused.
     */
    void write(ByteBuffer src) throws IOException;

    /** Payload bytes written so far. */
    long bytesWritten();

    /**
     * Fsyncs every chunk, publishes it under its final name (atomic rename, directory fsync) and
     * returns the chunks in order. An empty stream returns an empty list.
     *
     * <p>REQUIRES: not finished nor aborted. Invariant: on return every listed chunk is durable;
     * if it throws, the writer is aborted and none of its chunks stays published.
     */
    List<ChunkRef> finish() throws IOException;

    /** Deletes every temporary file of this writer. Idempotent; a no-op after finish. */
    void abort();

    /** Aborts unless finished. */
    @Override
    void close();
}
