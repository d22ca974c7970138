package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * One column family seen through its codecs. Does not own the handle: {@link RocksStore} does.
 * Writes go into a caller's {@link WriteBatch} so that one mutation is one batch.
 */
final class TypedTable<K, V> {
    private final RocksDB db;
    private final ColumnFamilyHandle handle;
    private final TableDef<K, V> def;

    TypedTable(RocksDB db, ColumnFamilyHandle handle, TableDef<K, V> def) {
        this.db = db;
        this.handle = handle;
        this.def = def;
    }

    Optional<V> get(K key) {
        try {
            byte[] value = db.get(handle, def.keys().encode(key));
            return value == null ? Optional.empty() : Optional.of(def.values().decode(value));
        } catch (RocksDBException e) {
            throw new MetadataException("get from " + def.name() + " failed", e);
        }
    }

    void put(WriteBatch batch, K key, V value) {
        try {
            batch.put(handle, def.keys().encode(key), def.values().encode(value));
        } catch (RocksDBException e) {
            throw new MetadataException("batch put to " + def.name() + " failed", e);
        }
    }

    void delete(WriteBatch batch, K key) {
        try {
            batch.delete(handle, def.keys().encode(key));
        } catch (RocksDBException e) {
            throw new MetadataException("batch delete from " + def.name() + " failed", e);
        }
    }

    /** A raw iterator; the caller owns it (try-with-resources) and the read options. */
    RocksIterator newIterator(ReadOptions options) {
        return db.newIterator(handle, options);
    }

    /** True if any key starts with {@code prefix}: one seek, bounded so it reads nothing beyond. */
    boolean anyKeyWithPrefix(byte[] prefix) {
        try (org.rocksdb.Slice upper = new org.rocksdb.Slice(ByteKeys.successor(prefix));
                ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
                RocksIterator it = newIterator(options)) {
            it.seek(prefix);
            if (!it.isValid()) {
                checkStatus(it);
                return false;
            }
            return true;
        }
    }

    /** Call when an iterator turns invalid: it may have stopped on an I/O error, not the end. */
    void checkStatus(RocksIterator iterator) {
        try {
            iterator.status();
        } catch (RocksDBException e) {
            throw new MetadataException("iteration over " + def.name() + " failed", e);
        }
    }

    K decodeKey(byte[] key) {
        return def.keys().decode(key);
    }

    V decodeValue(byte[] value) {
        return def.values().decode(value);
    }
}
