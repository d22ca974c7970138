package dev.coffer.api.service;

import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.GcEntry;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the chunks of superseded and deleted objects once their grace period has passed and no
 * download holds them, and at start sweeps orphans: chunks that no record and no queue entry names
 * (left by a crash between the chunk fsync and the catalogue commit).
 */
public final class ChunkCollector {
    private static final Logger log = LoggerFactory.getLogger(ChunkCollector.class);
    private static final int BATCH = 1000;

    private final Catalog catalog;
    private final ChunkStore chunks;
    private final ChunkLeases leases;
    private final Duration grace;

    public ChunkCollector(Catalog catalog, ChunkStore chunks, ChunkLeases leases, Duration grace) {
        this.catalog = catalog;
        this.chunks = chunks;
        this.leases = leases;
        this.grace = grace;
    }

    /** One pass over the queue; returns the number of chunks deleted. Blocking. */
    public int collect() throws IOException {
        int deleted = 0;
        while (true) {
            List<GcEntry> due = catalog.pendingGc(System.currentTimeMillis() - grace.toMillis(), BATCH);
            List<GcEntry> done = new ArrayList<>();
            for (GcEntry entry : due) {
                if (leases.isHeld(entry.chunkId())) continue;
                chunks.delete(new ChunkId(entry.chunkId()));
                done.add(entry);
            }
            catalog.completeGc(done);
            deleted += done.size();
            if (due.size() < BATCH || done.isEmpty()) return deleted;
        }
    }

    /**
     * Removes chunks nothing references. REQUIRES: no upload is in progress (run before serving).
     * Returns the number removed.
     */
    public int sweepOrphans() throws IOException {
        Set<String> referenced = new HashSet<>();
        catalog.forEachReferencedChunk(referenced::add);
        int removed = 0;
        for (ChunkId id : chunks.listChunks()) {
            if (!referenced.contains(id.value())) {
                chunks.delete(id);
                removed++;
            }
        }
        if (removed > 0) log.info("removed {} orphan chunks left by an interrupted write", removed);
        return removed;
    }
}
