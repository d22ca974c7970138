package dev.coffer.metadata;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the chunk GC and the orphan sweep ask the catalogue: the GC queue ({@link GcQueue}, written
 * by the command that superseded or deleted a version) and the command that removes the entries
 * whose chunks were deleted (CompleteGc), and which chunks the catalogue still references
 * ({@link ChunkReferences}).
 */
public final class ChunkGarbage {
    private final GcQueue queue;
    private final ChunkReferences references;
    private final CommandRunner runner;
    private final Runnable openCheck;

    ChunkGarbage(GcQueue queue, ChunkReferences references, CommandRunner runner, Runnable openCheck) {
        this.queue = queue;
        this.references = references;
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** Up to {@code max} queued entries queued at or before {@code queuedBeforeMillis}, oldest first. */
    public List<GcEntry> pending(long queuedBeforeMillis, int max) {
        openCheck.run();
        return queue.pending(queuedBeforeMillis, max);
    }

    /** Removes entries whose chunks have been deleted. */
    public void complete(List<GcEntry> done) {
        openCheck.run();
        if (!done.isEmpty()) runner.submit(new CatalogCommand.CompleteGc(runner.choose(), done));
    }

    /**
     * Calls {@code sink} with the id of every chunk an object or a GC entry references, as of one
     * snapshot taken at the call; chunks written after it are not reported.
     */
    public void forEachReferencedChunk(Consumer<String> sink) {
        openCheck.run();
        references.forEach(sink);
    }

    /**
     * Which of {@code candidates} the catalogue references (objects, stored versions, parts, the
     * GC queue), as of one snapshot taken at the call: a full scan whose memory is bounded by
     * the candidates, for the orphan sweep's batches.
     */
    public Set<String> referencedAmong(Set<String> candidates) {
        openCheck.run();
        Set<String> found = new HashSet<>();
        references.forEach(id -> { if (candidates.contains(id)) found.add(id); });
        return found;
    }
}
