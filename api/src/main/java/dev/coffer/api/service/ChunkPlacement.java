package dev.coffer.api.service;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.util.List;

/**
 * Where an object's chunks live and are read from. A single node ({@link #local}): on its own
 * disk, nothing more. A cluster (docs/cluster.md, "Chunks on several nodes"): on R nodes, read
 * from whichever replica answers with good bytes. Blocking: call off the event loop.
 */
public interface ChunkPlacement extends AutoCloseable {

    /**
     * Starts writing an object's chunks (under {@code key}, null: as they are) here and, in a
     * cluster, to the other nodes that will hold them, while they are written.
     */
    ChunkWriter newWriter(DataKey key) throws IOException;

    /**
     * Makes chunks just written (by {@link #newWriter}) and published on this node durable wherever they must be, before
     * the command that publishes them is proposed, and returns them naming the nodes that hold
     * them. On failure the chunks are deleted here, and the exception says why.
     */
    List<ChunkRef> replicate(List<ChunkRef> written) throws IOException;

    /**
     * Deletes a chunk no version names any more (the collector's): here and, in a cluster, on every
     * other member, as far as they answer (a copy left behind is an orphan for that node's sweep).
     */
    void delete(ChunkId id) throws IOException;

    /** Opens one chunk of a version for reading, each block checked before it is returned. */
    ChunkReader open(ChunkPointer pointer, DataKey key) throws IOException;

    /**
     * Stops what this placement runs in the background (a cluster's sending threads); the chunk
     * store itself is closed by its owner. Called when the server stops.
     */
    @Override
    default void close() {}

    /** A single node's: chunks stay where they were written and are read there. */
    static ChunkPlacement local(ChunkStore chunks) {
        return new ChunkPlacement() {
            @Override
            public ChunkWriter newWriter(DataKey key) throws IOException {
                return chunks.newWriter(key);
            }

            @Override
            public List<ChunkRef> replicate(List<ChunkRef> written) {
                return written;
            }

            @Override
            public void delete(ChunkId id) throws IOException {
                chunks.delete(id);
            }

            @Override
            public ChunkReader open(ChunkPointer pointer, DataKey key) throws IOException {
                return chunks.openReader(new ChunkId(pointer.chunkId()), key);
            }
        };
    }
}
