package dev.coffer.api.jobs;

import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ChunkReplicas;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code chunk-audit}: walks every chunk pointer in the catalogue (current objects, stored
 * versions, parts of uploads in progress; 256 records a step, at most
 * {@code coffer.jobs.chunk-audit-per-second} chunks a second) and checks that each chunk's file is
 * here at the size its pointer implies: a chunk deleted by hand, lost with a disk, cut short, or
 * quarantined by the scrub or a failed read. Each one found is logged with its id and counted; the
 * count (as of the last whole pass, or this pass's so far when it is larger) is the job's backlog,
 * {@code coffer_chunks_missing}, and a line in {@code /_coffer/health}. Its first pass starts at
 * the first tick after every start (so a start on a damaged data directory reports what it found,
 * without holding up the start), then one every {@code coffer.jobs.chunk-audit-interval}. It only
 * looks: a GET of such an object answers InternalError saying the data is missing. In a cluster
 * it looks only at the chunks whose replica set names this node (the {@code replica-audit} then
 * reports them for re-replication). Durable state: its cursor in the {@code jobs} table
 * ({@code i64 end of the last whole pass | i64 chunks found so far in this pass | the walk's
 * position, empty between passes}), so a pass cut by a restart resumes with its count.
 */
public final class ChunkAudit extends CursorJob {
    static final String NAME = "chunk-audit";
    private static final Logger log = LoggerFactory.getLogger(ChunkAudit.class);
    private static final int EXAMPLES = 5;

    private final ChunkStore chunks;
    private final String self;
    private final int recordsPerStep;
    private final long chunksPerSecond;
    private final Duration passInterval;
    private boolean passedSinceStart;
    private final List<String> examples = new ArrayList<>();
    private volatile Found reported = new Found(0, List.of(), false);

    /** What a pass found: chunks missing or short, a few of their ids, whether the pass is whole. */
    public record Found(long count, List<String> examples, boolean wholePass) {}

    /**
     * @param self this node's id in a cluster (only chunks naming it are looked at; the cursor is
     *     {@code chunk-audit/<node id>}), or null on a single node
     */
    public ChunkAudit(Catalog catalog, ChunkStore chunks, String self, long chunksPerSecond, Duration passInterval) {
        this(catalog, chunks, self, chunksPerSecond, passInterval, 256);
    }

    /** As above, walking {@code recordsPerStep} records a step (tests walk small catalogues in several). */
    ChunkAudit(Catalog catalog, ChunkStore chunks, String self, long chunksPerSecond, Duration passInterval,
               int recordsPerStep) {
        // A pass starts at the first tick after a start, then passInterval after the last; on this node's own files.
        super(NAME, self == null ? NAME : NAME + "/" + self, catalog, ticksFor(passInterval), Scope.EVERY_NODE);
        this.recordsPerStep = recordsPerStep;
        this.chunks = chunks;
        this.self = self;
        this.chunksPerSecond = chunksPerSecond;
        this.passInterval = passInterval;
    }

    @Override
    public synchronized Step step() throws IOException, InterruptedException {
        Cursor at = Cursor.read(loadCursor());
        if (at.position == null) {
            if (passedSinceStart && System.currentTimeMillis() - at.lastPassEnd < passInterval.toMillis()) {
                return new Step(0, false);
            }
            at = new Cursor(at.lastPassEnd, 0, null);
            examples.clear();
        }
        long started = System.nanoTime();
        ChunkReplicas.Page page = catalog.chunkReplicas().page(at.position, recordsPerStep);
        long found = at.found;
        for (ChunkPointer chunk : page.chunks()) {
            if (self != null && !chunk.replicas().contains(self)) continue;
            Optional<String> problem = problem(chunk);
            if (problem.isEmpty()) continue;
            found++;
            if (examples.size() < EXAMPLES) examples.add(chunk.chunkId());
            log.error("chunk-audit: chunk {} {}: reads of it fail here", chunk.chunkId(), problem.get());
        }
        boolean whole = page.next() == null;
        saveCursor(new Cursor(whole ? System.currentTimeMillis() : at.lastPassEnd, whole ? 0 : found, page.next()).bytes());
        if (whole) {
            passedSinceStart = true;
            reported = new Found(found, List.copyOf(examples), true);
            if (found > 0) log.error("chunk-audit: {} chunk(s) the catalogue names are missing or cut short here", found);
        } else if (found > reported.count()) {
            reported = new Found(found, List.copyOf(examples), false);
        }
        pace(started, page.chunks().size(), chunksPerSecond);
        return new Step(page.chunks().size(), !whole);
    }

    /** Chunks missing or short here (its last whole pass's, or this pass's so far when more). */
    @Override
    public long backlog() {
        return reported.count();
    }

    /** What it found, for health and metrics. */
    public Found found() {
        return reported;
    }

    /** Why {@code chunk}'s file is not fit to serve, or empty when it is there at its size. */
    private Optional<String> problem(ChunkPointer chunk) throws IOException {
        long expected = ChunkStore.fileSize(chunk.length());
        try {
            long size = chunks.storedBytes(new ChunkId(chunk.chunkId()));
            return size == expected ? Optional.empty()
                    : Optional.of("is " + size + " bytes on disk, not " + expected);
        } catch (NoSuchFileException e) {
            return Optional.of("is missing (no file in chunks/; quarantined ones are in quarantine/)");
        }
    }

    /** {@code i64 lastPassEnd | i64 found | position (empty between passes)}. */
    private record Cursor(long lastPassEnd, long found, byte[] position) {
        static Cursor read(byte[] bytes) {
            if (bytes == null || bytes.length < 2 * Long.BYTES) return new Cursor(0, 0, null);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long end = b.getLong();
            long found = b.getLong();
            byte[] position = Arrays.copyOfRange(bytes, 2 * Long.BYTES, bytes.length);
            return new Cursor(end, found, position.length == 0 ? null : position);
        }

        byte[] bytes() {
            byte[] p = position == null ? new byte[0] : position;
            return ByteBuffer.allocate(2 * Long.BYTES + p.length).putLong(lastPassEnd).putLong(found).put(p).array();
        }
    }
}
