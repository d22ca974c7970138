package dev.coffer.metadata;

import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Every chunk id the catalogue references, from objects, stored versions, multipart parts and the GC queue, read at one
 * snapshot so that a chunk moving from an object to the queue mid-scan is not missed. An orphan
 * sweep must still spare chunks newer than the scan: an upload writes its chunks before it
 * commits their record.
 */
final class ChunkReferences {
    private final RocksDB db;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<Long, GcEntry> gc;
    private final RocksStore store;

    ChunkReferences(RocksStore store) {
        this.db = store.db();
        this.store = store;
        this.objects = store.table(CatalogTables.OBJECTS);
        this.gc = store.table(CatalogTables.GC);
    }

    void forEach(Consumer<String> sink) {
        Snapshot snapshot = db.getSnapshot();
        try (ReadOptions options = new ReadOptions().setSnapshot(snapshot).setFillCache(false)) {
            // fillCache off: a full scan would otherwise evict the hot blocks of live traffic.
            try (RocksIterator it = objects.newIterator(options)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    objects.decodeValue(it.value()).chunks().forEach(c -> sink.accept(c.chunkId()));
                }
                objects.checkStatus(it);
            }
            MultipartUploads.forEachPartChunk(store, options, sink);
            ObjectVersions.forEachStoredChunk(store, options, sink);
            try (RocksIterator it = gc.newIterator(options)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    sink.accept(gc.decodeValue(it.value()).chunkId());
                }
                gc.checkStatus(it);
            }
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }
}
