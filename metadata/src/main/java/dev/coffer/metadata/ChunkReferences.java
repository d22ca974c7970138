package dev.coffer.metadata;

import java.util.function.Consumer;

/**
 * Every chunk id the catalogue references, from objects, stored versions, multipart parts and the GC queue, read at one
 * snapshot so that a chunk moving from an object to the queue mid-scan is not missed. An orphan
 * sweep must still spare chunks newer than the scan: an upload writes its chunks before it
 * commits their record.
 */
final class ChunkReferences {
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<GcQueue.Key, GcEntry> gc;
    private final RocksStore store;

    ChunkReferences(RocksStore store) {
        this.store = store;
        this.objects = store.table(CatalogTables.OBJECTS);
        this.gc = store.table(CatalogTables.GC);
    }

    void forEach(Consumer<String> sink) {
        // fillCache off: a full scan would otherwise evict the hot blocks of live traffic.
        try (CatalogSnapshot view = new CatalogSnapshot(store, false)) {
            try (TableScan<ObjectKey, ObjectRecord> scan = objects.scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    scan.value().chunks().forEach(c -> sink.accept(c.chunkId()));
                }
            }
            MultipartUploads.forEachPartChunk(store, view, sink);
            ObjectVersions.forEachStoredChunk(store, view, sink);
            try (TableScan<GcQueue.Key, GcEntry> scan = gc.scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    sink.accept(scan.value().chunkId());
                }
            }
        }
    }
}
