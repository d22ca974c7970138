package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * One column family seen through its codecs. Does not own the handle: {@link RocksStore} does, and
 * may replace it (a reopen after a full disk), so each use looks it up inside the store's gate.
 * Writes go into a caller's {@link WriteBatch} so that one mutation is one batch (a batch names
 * column families by id, which a reopen keeps).
 */
final class TypedTable<K, V> {
    private final RocksStore store;
    private final TableDef<K, V> def;

    TypedTable(RocksStore store, TableDef<K, V> def) {
        this.store = store;
        this.def = def;
    }

    Optional<V> get(K key) {
        byte[] value;
        store.enter();
        try {
            value = store.db().get(store.handle(def), def.keys().encode(key));
        } catch (RocksDBException e) {
            throw new MetadataException("get from " + def.name() + " failed", e);
        } finally {
            store.leave();
        }
        return value == null ? Optional.empty() : Optional.of(def.values().decode(value));
    }

    void put(WriteBatch batch, K key, V value) {
        store.enter();
        try {
            batch.put(store.handle(def), def.keys().encode(key), def.values().encode(value));
        } catch (RocksDBException e) {
            throw new MetadataException("batch put to " + def.name() + " failed", e);
        } finally {
            store.leave();
        }
    }

    void delete(WriteBatch batch, K key) {
        store.enter();
        try {
            batch.delete(store.handle(def), def.keys().encode(key));
        } catch (RocksDBException e) {
            throw new MetadataException("batch delete from " + def.name() + " failed", e);
        } finally {
            store.leave();
        }
    }

    /** Writes a row as stored bytes (a row copied from another catalogue of the same layout). */
    void putRaw(WriteBatch batch, byte[] key, byte[] value) {
        store.enter();
        try {
            batch.put(store.handle(def), key, value);
        } catch (RocksDBException e) {
            throw new MetadataException("batch put to " + def.name() + " failed", e);
        } finally {
            store.leave();
        }
    }

    /** Deletes a row by its stored key bytes (a row whose key an older layout wrote). */
    void deleteRaw(WriteBatch batch, byte[] key) {
        store.enter();
        try {
            batch.delete(store.handle(def), key);
        } catch (RocksDBException e) {
            throw new MetadataException("batch delete from " + def.name() + " failed", e);
        } finally {
            store.leave();
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
        store.enter(); // left by the scan's close: the iterator must not outlive the handles
        try {
            return new TableScan<>(this, store.db().newIterator(store.handle(def), options), options, upper, store::leave);
        } catch (RuntimeException e) {
            store.leave();
            options.close();
            if (upper != null) upper.close();
            throw e;
        }
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
