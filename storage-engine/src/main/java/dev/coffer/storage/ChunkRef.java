package dev.coffer.storage;

import java.util.List;

/**
 * A published chunk, the number of payload bytes it holds, and where copies of it are: the names
 * of the cluster nodes that hold a replica (empty on a single node). The store never reads the
 * names; a cluster's placement fills them in once the other nodes hold the bytes.
 */
public record ChunkRef(ChunkId id, long length, List<String> replicas) {
    public ChunkRef {
        if (length < 0) throw new IllegalArgumentException("negative length");
        replicas = List.copyOf(replicas);
    }

    /** A chunk on this node only. */
    public ChunkRef(ChunkId id, long length) {
        this(id, length, List.of());
    }
}
