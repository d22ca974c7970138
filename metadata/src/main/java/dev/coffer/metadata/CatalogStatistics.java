package dev.coffer.metadata;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Counts objects, their bytes and the GC queue in one full scan at one snapshot. O(objects): the
 * caller runs it rarely (a metrics refresh every minute or so), never per request.
 */
final class CatalogStatistics {
    private final RocksDB db;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<Long, GcEntry> gc;

    CatalogStatistics(RocksStore store) {
        this.db = store.db();
        this.objects = store.table(CatalogTables.OBJECTS);
        this.gc = store.table(CatalogTables.GC);
    }

    CatalogStats read() {
        Snapshot snapshot = db.getSnapshot();
        // fillCache off: a full scan would otherwise evict the hot blocks of live traffic.
        try (ReadOptions options = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
            long count = 0;
            long bytes = 0;
            try (RocksIterator it = objects.newIterator(options)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    count++;
                    bytes += objects.decodeValue(it.value()).size();
                }
                objects.checkStatus(it);
            }
            long backlog = 0;
            try (RocksIterator it = gc.newIterator(options)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    backlog++;
                }
                gc.checkStatus(it);
            }
            return new CatalogStats(count, bytes, backlog);
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }
}
