package dev.coffer.metadata;

import java.util.List;

/**
 * One chunk of an object's bytes, in order: the chunk's id (as the storage engine names it), its
 * length, and the cluster nodes that hold a replica of it (empty on a single node, and in records
 * written before chunks were replicated: the chunk is then on the node that reads it).
 */
public record ChunkPointer(String chunkId, long length, List<String> replicas) {
    public ChunkPointer {
        replicas = List.copyOf(replicas);
    }

    /** A chunk that names no replica (a single node's). */
    public ChunkPointer(String chunkId, long length) {
        this(chunkId, length, List.of());
    }

    /** Whether any of {@code chunks} names a replica (then records need the formats that carry them). */
    static boolean anyReplicas(List<ChunkPointer> chunks) {
        for (ChunkPointer c : chunks) if (!c.replicas().isEmpty()) return true;
        return false;
    }

    /** The per-chunk replica lists, after the rest of a record: var count (the chunk count) | per chunk: var n | n x str node. */
    static void writeReplicas(ValueOutput out, List<ChunkPointer> chunks) {
        out.writeVarLong(chunks.size());
        for (ChunkPointer c : chunks) {
            out.writeVarLong(c.replicas().size());
            for (String node : c.replicas()) out.writeString(node);
        }
    }

    /** Reads {@link #writeReplicas}'s tail and returns {@code chunks} with their replicas. */
    static List<ChunkPointer> readReplicas(ValueInput in, List<ChunkPointer> chunks, String what) {
        int count = in.readCount();
        if (count != chunks.size()) {
            throw new MetadataException(what + ": replicas for " + count + " chunks, " + chunks.size() + " chunks");
        }
        List<ChunkPointer> out = new java.util.ArrayList<>(count);
        for (ChunkPointer c : chunks) {
            int n = in.readCount();
            List<String> nodes = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String node = in.readString();
                if (node == null || nodes.contains(node)) throw new MetadataException(what + ": bad replica list");
                nodes.add(node);
            }
            out.add(new ChunkPointer(c.chunkId(), c.length(), nodes));
        }
        return out;
    }
}
