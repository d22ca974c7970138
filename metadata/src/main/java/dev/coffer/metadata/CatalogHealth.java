package dev.coffer.metadata;

import java.util.Optional;

/** The catalogue's store as health checks and the scrub see it: RocksDB's background error and block checksums. */
public final class CatalogHealth {
    private final RocksStore store;
    private final Runnable openCheck;

    CatalogHealth(RocksStore store, Runnable openCheck) {
        this.store = store;
        this.openCheck = openCheck;
    }

    /**
     * Why the catalogue accepts no change now, if it does not: RocksDB's background error (a failed
     * flush, compaction or WAL write; a full disk among them). Reads go on meanwhile; commits fail
     * with {@link CatalogStoppedException}, until RocksDB's own recovery clears it or the server restarts.
     */
    public Optional<String> writesStopped() {
        openCheck.run();
        return store.stopped();
    }

    /**
     * Re-reads every table file against its block checksums (RocksDB's {@code VerifyChecksum}): a
     * full read of the catalogue, for the scrub. Object bytes held inline are in those blocks.
     *
     * @return what RocksDB reported, if a file failed
     */
    public Optional<String> verifyChecksums() {
        openCheck.run();
        return store.verifyChecksums();
    }
}
