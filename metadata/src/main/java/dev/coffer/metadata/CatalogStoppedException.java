package dev.coffer.metadata;

/**
 * RocksDB refused a commit because it stopped accepting writes (its "background error": a flush,
 * compaction or WAL write failed) or because its disk is full. Nothing of the refused command was
 * acknowledged. After a failed WAL write (ENOSPC included, as measured) RocksDB stays read-only
 * (RocksJava has no {@code DB::Resume}): after a full disk {@link SpaceRecovery} reopens it once
 * room is back; after another failure it stays so until the server restarts.
 */
public final class CatalogStoppedException extends MetadataException {
    private final boolean noSpace;

    public CatalogStoppedException(String message, boolean noSpace, Throwable cause) {
        super(message, cause);
        this.noSpace = noSpace;
    }

    /** True when the cause is a full disk (ENOSPC, or RocksDB's own space limit). */
    public boolean noSpace() {
        return noSpace;
    }
}
