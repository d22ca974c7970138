package dev.coffer.api.jobs;

import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.service.ChunkPlacement;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.GcEntry;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Job {@code gc}: deletes the chunks of superseded and deleted versions once their grace period
 * has passed and no download holds them. Its durable state is the GC queue, written by the
 * command that superseded or deleted the version; a step deletes a batch of files, then removes
 * their entries with one command, so a kill between the two only deletes absent files again.
 * Backlog: entries queued (counted up to {@link #BACKLOG_CAP}).
 */
public final class ChunkGc implements Job {
    static final int BATCH = 1000;
    static final int BACKLOG_CAP = 100_000;

    private final Catalog catalog;
    private final ChunkPlacement chunks;
    private final ChunkLeases leases;
    private final Duration grace;
    private final Duration interval;
    private volatile long backlog;

    public ChunkGc(Catalog catalog, ChunkStore chunks, ChunkLeases leases, Duration grace, Duration interval) {
        this(catalog, ChunkPlacement.local(chunks), leases, grace, interval);
    }

    /** @param chunks where a collected chunk is deleted: here, or on every node of a cluster */
    public ChunkGc(Catalog catalog, ChunkPlacement chunks, ChunkLeases leases, Duration grace, Duration interval) {
        this.catalog = catalog;
        this.chunks = chunks;
        this.leases = leases;
        this.grace = grace;
        this.interval = interval;
    }

    @Override
    public String kind() {
        return "gc";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Step step() throws IOException {
        List<GcEntry> due = catalog.gc().pending(System.currentTimeMillis() - grace.toMillis(), BATCH);
        List<GcEntry> done = new ArrayList<>();
        for (GcEntry entry : due) {
            if (leases.isHeld(entry.chunkId())) continue;
            chunks.delete(new ChunkId(entry.chunkId()));
            done.add(entry);
        }
        catalog.gc().complete(done);
        boolean more = due.size() == BATCH && !done.isEmpty();
        if (!more) backlog = catalog.gc().pending(Long.MAX_VALUE, BACKLOG_CAP).size();
        return new Step(done.size(), more);
    }

    @Override
    public long backlog() {
        return backlog;
    }
}
