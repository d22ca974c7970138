package dev.coffer.metadata;

/**
 * A {@link CatalogCommand.SetChunkReplicas} found the chunk's replica set is no longer the one it
 * was proposed against (another change applied first); nothing was written. The proposer reads
 * the set again and decides anew.
 */
public final class ReplicasChanged extends CatalogRefusal {
    public ReplicasChanged(String chunkId) {
        super("replica set changed", "chunk " + chunkId, null);
    }
}
