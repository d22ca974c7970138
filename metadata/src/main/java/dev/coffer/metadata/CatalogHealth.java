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
     * flush, compaction, MANIFEST or WAL write; a full disk among them), and whether it comes back by
     * itself. Reads go on meanwhile; commits fail with {@link CatalogStoppedException}, until RocksDB's
     * own recovery clears it or, after a full disk or another I/O error, the catalogue reopens RocksDB
     * in-process once a probe write succeeds ({@link StopRecovery}); after damaged data, never.
     */
    public Optional<String> writesStopped() {
        openCheck.run();
        return store.stopped();
    }

    /** How many times the catalogue reopened RocksDB in-process after a stop (a full disk, another I/O error) since it opened. */
    public long reopens() {
        return store.reopens();
    }

    /** RocksDB's memory now (memtables, block cache, table readers); empty while the store is closed. */
    public Optional<CatalogMemory> memory() {
        return store.memory();
    }

    /** RocksDB's own limit on its table files from now on (0: none): tests fill and free a "disk" with it. */
    void limitSpace(long bytes) {
        store.limitSpace(bytes);
    }

    /** Compacts every table file (tests: RocksDB then reads each of them in the background). */
    void compact() {
        store.compact();
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
