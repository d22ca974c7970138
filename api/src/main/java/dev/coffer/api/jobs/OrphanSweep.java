package dev.coffer.api.jobs;

import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code sweep}: removes orphan chunks, published files that no record, part or GC entry
 * names (a crash between a chunk's fsync and the command that publishes it leaves them). It walks
 * the chunk directory in id order, {@link #BATCH} files at a time, and asks the catalogue which of
 * the batch it references (one snapshot taken after the batch was listed), so memory is bounded by
 * the batch, not the store.
 *
 * <p>An upload in flight has published chunks that no command names yet; the sweep spares them by
 * age: only a chunk older than this process, or older than {@code coffer.jobs.sweep-min-age}, can
 * be an orphan. A chunk from before the start cannot belong to a write in flight (writes do not
 * survive a restart), so the pass at start, before the server accepts requests, removes every
 * orphan of an interrupted run. Durable state: none is needed: a pass is idempotent and the pass
 * at start covers the whole store, so the cursor lives in memory. Done: chunks checked (the
 * orphans removed are logged). Backlog: prefix directories
 * (of 256) the current pass has still to walk.
 */
public final class OrphanSweep implements Job {
    static final int BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);

    private final Catalog catalog;
    private final ChunkStore chunks;
    private final long startedMillis;
    private final Duration minAge;
    private final Duration interval;
    private ChunkId cursor;
    private long removedThisPass;
    private volatile long backlog;

    public OrphanSweep(Catalog catalog, ChunkStore chunks, long startedMillis, Duration minAge, Duration interval) {
        this.catalog = catalog;
        this.chunks = chunks;
        this.startedMillis = startedMillis;
        this.minAge = minAge;
        this.interval = interval;
    }

    @Override
    public String kind() {
        return "sweep";
    }

    /** It reads and removes this node's own chunk files. */
    @Override
    public Scope scope() {
        return Scope.EVERY_NODE;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized Step step() throws IOException {
        List<ChunkId> batch = chunks.listChunksAfter(cursor, BATCH);
        long oldEnough = Math.max(startedMillis, System.currentTimeMillis() - minAge.toMillis());
        Set<String> candidates = new HashSet<>();
        for (ChunkId id : batch) {
            try {
                if (chunks.publishedMillis(id) < oldEnough) candidates.add(id.value());
            } catch (NoSuchFileException deletedMeanwhile) {
                // collected since the listing
            }
        }
        // The snapshot is taken now, after the listing: a chunk listed above is either named by a
        // command committed before it, or by none yet (then only its age can spare it).
        Set<String> referenced = candidates.isEmpty() ? Set.of() : catalog.gc().referencedAmong(candidates);
        int removed = 0;
        for (String id : candidates) {
            if (!referenced.contains(id)) {
                chunks.delete(new ChunkId(id));
                removed++;
            }
        }
        removedThisPass += removed;
        boolean more = batch.size() == BATCH;
        cursor = more ? batch.get(batch.size() - 1) : null;
        backlog = cursor == null ? 0 : 255 - Integer.parseInt(cursor.value().substring(0, 2), 16);
        if (!more) {
            if (removedThisPass > 0) log.info("removed {} orphan chunks left by an interrupted write", removedThisPass);
            removedThisPass = 0;
        }
        return new Step(batch.size(), more);
    }

    @Override
    public long backlog() {
        return backlog;
    }
}
