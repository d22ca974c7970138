package dev.coffer.metadata;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.Snapshot;

/**
 * One consistent view of every table, for scans that must agree with each other (a merge of two
 * tables, a full sweep). Owns the snapshot; close it (try-with-resources) after the scans made
 * from it. Full sweeps ask for {@code fillCache} off, so they do not evict the hot blocks of live
 * traffic.
 */
final class CatalogSnapshot implements AutoCloseable {
    private final RocksStore store;
    private final RocksDB db;
    private final Snapshot snapshot;
    private final boolean fillCache;
    private boolean closed;

    /** Holds the store's gate until closed: a reopen must not close the database under a snapshot. */
    CatalogSnapshot(RocksStore store, boolean fillCache) {
        store.enter();
        this.store = store;
        this.db = store.db();
        this.snapshot = db.getSnapshot();
        this.fillCache = fillCache;
    }

    /** Fresh read options at this snapshot; the caller owns them. */
    ReadOptions newReadOptions() {
        return new ReadOptions().setSnapshot(snapshot).setFillCache(fillCache);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        db.releaseSnapshot(snapshot);
        store.leave();
    }
}
