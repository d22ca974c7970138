package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
        try (TableScan<Long, GcEntry> scan = table.scan().seekToLast()) {
            return scan.valid() ? scan.key() : 0;
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
        try (TableScan<Long, GcEntry> scan = table.scan().seekToFirst()) {
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
