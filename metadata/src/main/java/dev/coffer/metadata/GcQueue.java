package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The queue of chunks to delete, in the {@code gc} table, oldest first by sequence.
 *
 * <p>Sequences come from an AtomicLong seeded at open from the last key in the table, so they
 * keep rising across restarts and an entry is never overwritten. A batch that fails after taking
 * sequences leaves a gap, which is harmless.
 */
final class GcQueue {
    private final RocksStore store;
    private final TypedTable<Long, GcEntry> table;
    private final AtomicLong lastSequence;

    GcQueue(RocksStore store) {
        this.store = store;
        this.table = store.table(CatalogTables.GC);
        this.lastSequence = new AtomicLong(readLastSequence());
    }

    private long readLastSequence() {
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = table.newIterator(options)) {
            it.seekToLast();
            if (!it.isValid()) {
                table.checkStatus(it);
                return 0;
            }
            return table.decodeKey(it.key());
        }
    }

    /** Adds one entry per chunk id to {@code batch}; nothing is queued until the batch commits. */
    void enqueue(WriteBatch batch, Collection<String> chunkIds, long nowMillis) {
        for (String chunkId : chunkIds) {
            long sequence = lastSequence.incrementAndGet();
            table.put(batch, sequence, new GcEntry(sequence, nowMillis, chunkId));
        }
    }

    /**
     * Oldest first. The scan stops at the first entry queued after the bound: sequence order is
     * queue-time order unless the wall clock steps back, and then an entry merely waits a little
     * longer than its grace period, which is the safe direction.
     */
    List<GcEntry> pending(long queuedBeforeMillis, int max) {
        List<GcEntry> out = new ArrayList<>();
        if (max <= 0) {
            return out;
        }
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = table.newIterator(options)) {
            for (it.seekToFirst(); it.isValid() && out.size() < max; it.next()) {
                GcEntry entry = table.decodeValue(it.value());
                if (entry.queuedMillis() > queuedBeforeMillis) {
                    return out;
                }
                out.add(entry);
            }
            table.checkStatus(it);
        }
        return out;
    }

    void complete(List<GcEntry> done) {
        if (done.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (GcEntry entry : done) {
                table.delete(batch, entry.sequence());
            }
            store.commit(batch);
        }
    }
}
