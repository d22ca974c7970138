package dev.coffer.metadata;

import org.rocksdb.RocksDB;

/**
 * Counts objects, their bytes and the GC queue in one full scan at one snapshot. O(objects): the
 * caller runs it rarely (a metrics refresh every minute or so), never per request.
 */
final class CatalogStatistics {
    private final RocksDB db;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<GcQueue.Key, GcEntry> gc;

    CatalogStatistics(RocksStore store) {
        this.db = store.db();
        this.objects = store.table(CatalogTables.OBJECTS);
        this.gc = store.table(CatalogTables.GC);
    }

    CatalogStats read() {
        try (CatalogSnapshot view = new CatalogSnapshot(db, false)) {
            long count = 0;
            long bytes = 0;
            try (TableScan<ObjectKey, ObjectRecord> scan = objects.scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    count++;
                    bytes += scan.value().size();
                }
            }
            long backlog = 0;
            try (TableScan<GcQueue.Key, GcEntry> scan = gc.scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    backlog++;
                }
            }
            return new CatalogStats(count, bytes, backlog);
        }
    }
}
