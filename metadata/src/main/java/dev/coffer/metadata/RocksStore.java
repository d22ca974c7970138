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
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;
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
    private final BackgroundErrors errors = new BackgroundErrors();
    private RocksDB db;
    /** One for every commit: a WriteOptions is a native allocation, not worth making per write. */
    private WriteOptions writeOptions;

    private RocksStore(boolean syncWrites) {
        this.syncWrites = syncWrites;
    }

    static RocksStore open(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables) {
        return open(dir, syncWrites, tables, 0);
    }

    /** @param maxSstBytes RocksDB's own limit on its table files (0: none), a seam to make it stop in tests */
    static RocksStore open(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables, long maxSstBytes) {
        RocksStore store = new RocksStore(syncWrites);
        try {
            store.openTables(dir, tables, maxSstBytes);
            return store;
        } catch (RuntimeException | RocksDBException e) {
            store.close();
            throw e instanceof MetadataException m ? m : new MetadataException("cannot open catalogue in " + dir, e);
        }
    }

    private void openTables(Path dir, List<TableDef<?, ?>> tables, long maxSstBytes) throws RocksDBException {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new MetadataException("cannot create " + dir, e);
        }
        Cache cache = own(new LRUCache(RocksTuning.BLOCK_CACHE_BYTES));
        BloomFilter bloom = own(new BloomFilter(RocksTuning.BLOOM_BITS_PER_KEY));
        own(errors);
        SstFileManager files = own(new SstFileManager(Env.getDefault()));
        if (maxSstBytes > 0) files.setMaxAllowedSpaceUsage(maxSstBytes);
        DBOptions dbOptions = own(RocksTuning.dbOptions(files, errors));
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

    /**
     * Applies the batch atomically; with sync on, returns only once the WAL is fsynced.
     *
     * @throws CatalogStoppedException when RocksDB stopped accepting writes or its disk is full
     */
    void commit(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw errors.commitFailed(e);
        }
    }

    /** Why RocksDB does not accept writes now (its background error), if it does not. */
    java.util.Optional<String> stopped() {
        return errors.stopped();
    }

    /** What RocksDB's checksum check of every table file reported, if one failed. */
    java.util.Optional<String> verifyChecksums() {
        try {
            db.verifyChecksum();
            return java.util.Optional.empty();
        } catch (RocksDBException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Writes the memtables out to table files (tests: to reach RocksDB's table-file paths at once). */
    void flush() {
        try (org.rocksdb.FlushOptions options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, new ArrayList<>(handles.values()));
        } catch (RocksDBException e) {
            throw errors.commitFailed(e);
        }
    }

    /** Applies the batch atomically and returns once the WAL is fsynced, whatever the store's setting. */
    void commitSynced(WriteBatch batch) {
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            db.write(synced, batch);
        } catch (RocksDBException e) {
            throw errors.commitFailed(e);
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
