package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * The queue of chunks to delete, in the {@code gc} table, oldest command first.
 *
 * <p>An entry's key is the sequence of the command that queued it plus the chunk id ({@link
 * KeyCodecs#GC_KEY}): the sequence is chosen with the command ({@link CatalogCommand.Choice}), so
 * applying a command writes the same keys wherever it is applied, and no two commands' entries
 * meet. Writes go into the applying command's batch.
 */
final class GcQueue {
    /** A row's key; {@code chunkId} null only for a row written before commands (see {@link #upgrade}). */
    record Key(long sequence, String chunkId) {}

    private final TypedTable<Key, GcEntry> table;

    GcQueue(RocksStore store) {
        this.table = store.table(CatalogTables.GC);
    }

    /** The highest command sequence with an entry still queued, or 0. */
    long lastSequence() {
        try (TableScan<Key, GcEntry> scan = table.scan().seekToLast()) {
            return scan.valid() ? scan.key().sequence() : 0;
        }
    }

    /**
     * Rewrites rows keyed by sequence alone (the layout before commands) under their full key.
     * Such rows sort before every newer one, so the scan stops at the first full key.
     */
    void upgrade(RocksStore store) {
        try (WriteBatch batch = new WriteBatch();
                TableScan<Key, GcEntry> scan = table.scan().seekToFirst()) {
            int moved = 0;
            for (; scan.valid() && scan.key().chunkId() == null; scan.next()) {
                GcEntry entry = scan.value();
                table.deleteRaw(batch, scan.keyBytes());
                table.put(batch, new Key(entry.sequence(), entry.chunkId()), entry);
                moved++;
            }
            if (moved > 0) {
                store.commit(batch);
            }
        }
    }

    /** Adds one entry per chunk id to {@code batch}, keyed by the command's sequence; nothing is queued until it commits. */
    void enqueue(WriteBatch batch, CatalogCommand.Choice choice, Collection<String> chunkIds) {
        for (String chunkId : chunkIds) {
            table.put(batch, new Key(choice.sequence(), chunkId), new GcEntry(choice.sequence(), choice.millis(), chunkId));
        }
    }

    /**
     * Oldest first. The scan stops at the first entry queued after the bound: command order is
     * queue-time order unless the wall clock steps back (or two commands chosen at nearly the
     * same time commit in the other order), and then an entry merely waits a little longer than
     * its grace period, which is the safe direction.
     */
    List<GcEntry> pending(long queuedBeforeMillis, int max) {
        List<GcEntry> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        try (TableScan<Key, GcEntry> scan = table.scan().seekToFirst()) {
            for (; out.size() < max && scan.valid(); scan.next()) {
                GcEntry entry = scan.value();
                if (entry.queuedMillis() > queuedBeforeMillis) {
                    return out;
                }
                out.add(entry);
            }
        }
        return out;
    }

    /** Removes the entries, into the applying command's batch. */
    void remove(WriteBatch batch, List<GcEntry> done) {
        for (GcEntry entry : done) {
            table.delete(batch, new Key(entry.sequence(), entry.chunkId()));
        }
    }
}
