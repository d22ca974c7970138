package dev.coffer.metadata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The one owner of the catalogue's RocksDB native handles: block cache, filter, options, column
 * family handles and the database. Each is pushed on a stack as it is made and closed in reverse
 * order, also when opening fails half-way.
 */
final class RocksStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final Map<String, ColumnFamilyHandle> handles = new HashMap<>();
    private final boolean syncWrites;
    private RocksDB db;
    /** One for every commit: a WriteOptions is a native allocation, not worth making per write. */
    private WriteOptions writeOptions;

    private RocksStore(boolean syncWrites) {
        this.syncWrites = syncWrites;
    }

    static RocksStore open(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables) {
        RocksStore store = new RocksStore(syncWrites);
        try {
            store.openTables(dir, tables);
            return store;
        } catch (RuntimeException | RocksDBException e) {
            store.close();
            throw e instanceof MetadataException m ? m : new MetadataException("cannot open catalogue in " + dir, e);
        }
    }

    private void openTables(Path dir, List<TableDef<?, ?>> tables) throws RocksDBException {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new MetadataException("cannot create " + dir, e);
        }
        Cache cache = own(new LRUCache(RocksTuning.BLOCK_CACHE_BYTES));
        BloomFilter bloom = own(new BloomFilter(RocksTuning.BLOOM_BITS_PER_KEY));
        DBOptions dbOptions = own(RocksTuning.dbOptions());
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, own(new ColumnFamilyOptions())));
        for (TableDef<?, ?> def : tables) {
            ColumnFamilyOptions options = own(RocksTuning.columnFamilyOptions(def, cache, bloom));
            descriptors.add(new ColumnFamilyDescriptor(def.name().getBytes(StandardCharsets.UTF_8), options));
        }
        writeOptions = own(new WriteOptions().setSync(syncWrites));
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        db = own(RocksDB.open(dbOptions, dir.toString(), descriptors, opened));
        for (int i = 0; i < opened.size(); i++) {
            // Handles must close before the database; they are pushed after it, so they do.
            own(opened.get(i));
            if (i > 0) {
                handles.put(tables.get(i - 1).name(), opened.get(i));
            }
        }
    }

    private <T extends AutoCloseable> T own(T handle) {
        owned.push(handle);
        return handle;
    }

    <K, V> TypedTable<K, V> table(TableDef<K, V> def) {
        ColumnFamilyHandle handle = handles.get(def.name());
        if (handle == null) {
            throw new IllegalArgumentException("table not opened: " + def.name());
        }
        return new TypedTable<>(db, handle, def);
    }

    RocksDB db() {
        return db;
    }

    /** Applies the batch atomically; with sync on, returns only once the WAL is fsynced. */
    void commit(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new MetadataException("commit failed", e);
        }
    }

    /** Applies the batch atomically and returns once the WAL is fsynced, whatever the store's setting. */
    void commitSynced(WriteBatch batch) {
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            db.write(synced, batch);
        } catch (RocksDBException e) {
            throw new MetadataException("commit failed", e);
        }
    }

    @Override
    public void close() {
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                // Keep closing the rest: a leaked native handle is worse than a lost message.
            }
        }
        handles.clear();
    }
}
