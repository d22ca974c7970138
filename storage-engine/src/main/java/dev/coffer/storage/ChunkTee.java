package dev.coffer.storage;

import java.nio.file.Path;

/**
 * Told as a writer's chunk files grow, so that their bytes can be sent elsewhere while they are
 * written (a cluster's replicas, docs/cluster.md). Called on the writer's thread, in order, for
 * each chunk: {@link #started}, {@link #written} any number of times, then {@link #sealed} or
 * {@link #discarded}. Must not block.
 */
public interface ChunkTee {
    /** No one is told. */
    ChunkTee NONE = new ChunkTee() {
        @Override
        public void started(ChunkId id, Path file) {}

        @Override
        public void written(ChunkId id, long fileBytes) {}

        @Override
        public void sealed(ChunkId id, long fileSize) {}

        @Override
        public void discarded(ChunkId id) {}
    };

    /** A chunk's temp file was made at {@code file}; read it there (it may be renamed, never rewritten). */
    void started(ChunkId id, Path file);

    /** The first {@code fileBytes} bytes of the chunk's file are written (not yet durable). */
    void written(ChunkId id, long fileBytes);

    /** The chunk's file is whole, {@code fileSize} bytes with its footer; its fsync here is under way. */
    void sealed(ChunkId id, long fileSize);

    /** The chunk was abandoned: its file is gone or going, and what was read of it is worthless. */
    void discarded(ChunkId id);
}
