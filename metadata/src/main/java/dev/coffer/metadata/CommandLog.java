package dev.coffer.metadata;

/**
 * A log that the catalogue's commands go through instead of being applied at once: a replicated
 * log (the {@code cluster} module's Raft group). The catalogue hands it each command encoded as
 * {@code metadata/COMMANDS.md} says, whatever its kind; the log orders it among every node's
 * commands, each replica applies it in that order ({@link CatalogReplica#apply}), and {@link
 * #append} answers with what applying it on this node gave.
 */
public interface CommandLog {
    /**
     * Appends the encoded command and waits until this node has applied it.
     *
     * @return the command's result on this node (as {@link Catalog}'s methods expect it)
     * @throws CatalogRefusal if a precondition failed where the log applied it (nothing written)
     * @throws MetadataException if the command could not be committed (no quorum, time out)
     */
    Object append(byte[] command);
}
