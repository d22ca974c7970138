package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;
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

    /** Writes a row as stored bytes (a row copied from another catalogue of the same layout). */
    void putRaw(WriteBatch batch, byte[] key, byte[] value) {
        try {
            batch.put(handle, key, value);
        } catch (RocksDBException e) {
            throw new MetadataException("batch put to " + def.name() + " failed", e);
        }
    }

    /** Deletes a row by its stored key bytes (a row whose key an older layout wrote). */
    void deleteRaw(WriteBatch batch, byte[] key) {
        try {
            batch.delete(handle, key);
        } catch (RocksDBException e) {
            throw new MetadataException("batch delete from " + def.name() + " failed", e);
        }
    }

    /**
     * An unpositioned scan of the whole table (seek it first), reading the latest state; the
     * caller closes it.
     */
    TableScan<K, V> scan() {
        return scan(null, null);
    }

    /** An unpositioned scan that stops before {@code upperBound} (exclusive; null for none). */
    TableScan<K, V> scan(byte[] upperBound) {
        return scan(upperBound, null);
    }

    /**
     * An unpositioned scan that stops before {@code upperBound} (null for none), reading {@code
     * view} (null for the latest state).
     */
    TableScan<K, V> scan(byte[] upperBound, CatalogSnapshot view) {
        Slice upper = upperBound == null ? null : new Slice(upperBound);
        ReadOptions options = view == null ? new ReadOptions() : view.newReadOptions();
        if (upper != null) {
            options.setIterateUpperBound(upper);
        }
        return new TableScan<>(this, db.newIterator(handle, options), options, upper);
    }

    /** The keys starting with {@code prefix}, positioned on the first. */
    TableScan<K, V> scanPrefix(byte[] prefix) {
        return scan(ByteKeys.successor(prefix)).seek(prefix);
    }

    /** True if any key starts with {@code prefix}: one seek, bounded so it reads nothing beyond. */
    boolean anyKeyWithPrefix(byte[] prefix) {
        try (TableScan<K, V> scan = scanPrefix(prefix)) {
            return scan.valid();
        }
    }

    String name() {
        return def.name();
    }

    K decodeKey(byte[] key) {
        return def.keys().decode(key);
    }

    V decodeValue(byte[] value) {
        return def.values().decode(value);
    }
}
