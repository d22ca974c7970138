package dev.coffer.metadata;

/**
 * RocksDB refused a commit because it stopped accepting writes (its "background error": a flush,
 * compaction, MANIFEST or WAL write failed) or because its disk is full. Nothing of the refused
 * command was acknowledged. RocksDB stays read-only after such a failure (RocksJava has no
 * {@code DB::Resume}): after a full disk or another I/O error {@link StopRecovery} reopens it once
 * a probe write succeeds; after damaged data it stays so (a restart meets the same damage).
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
