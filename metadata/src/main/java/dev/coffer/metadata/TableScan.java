package dev.coffer.metadata;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A typed range scan over one table: a cursor that decodes keys and values with the table's
 * codecs, stops at its upper bound (iterate_upper_bound, so RocksDB reads nothing beyond), checks
 * the iterator's status whenever it runs out (an I/O error must not look like the end), and owns
 * its native handles (iterator, read options, bound), which {@link #close()} frees in reverse
 * order. Made by {@link TypedTable#scan}; use it in try-with-resources.
 */
final class TableScan<K, V> implements AutoCloseable {
    private final TypedTable<K, V> table;
    private final Slice upper;
    private final ReadOptions options;
    private final RocksIterator it;
    private final Runnable release;
    private boolean closed;

    TableScan(TypedTable<K, V> table, RocksIterator it, ReadOptions options, Slice upper, Runnable release) {
        this.table = table;
        this.it = it;
        this.options = options;
        this.upper = upper;
        this.release = release;
    }

    /** True while positioned on an entry; at the end, throws if the scan stopped on an error. */
    boolean valid() {
        if (it.isValid()) {
            return true;
        }
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new MetadataException("iteration over " + table.name() + " failed", e);
        }
        return false;
    }

    TableScan<K, V> seek(byte[] target) {
        it.seek(target);
        return this;
    }

    TableScan<K, V> seekToFirst() {
        it.seekToFirst();
        return this;
    }

    TableScan<K, V> seekToLast() {
        it.seekToLast();
        return this;
    }

    void next() {
        it.next();
    }

    /** The stored key bytes (for key-space arithmetic such as prefix skipping). */
    byte[] keyBytes() {
        return it.key();
    }

    K key() {
        return table.decodeKey(it.key());
    }

    V value() {
        return table.decodeValue(it.value());
    }

    /** The stored value bytes, undecoded. */
    byte[] valueBytes() {
        return it.value();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        it.close();
        options.close();
        if (upper != null) {
            upper.close();
        }
        release.run(); // after the iterator: the store may close its handles from here on
    }
}
