package dev.coffer.api.jobs;

import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkCorruptedException;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code scrub}: re-reads every published chunk against its block CRC32Cs, at most
 * {@code coffer.jobs.scrub-bytes-per-second}, one full pass every {@code coffer.jobs.scrub-interval}.
 * A chunk that fails (a block's CRC, or a read of its file failing with an I/O error) is moved to
 * {@code quarantine/} by the reader (as a GET would), logged with its id and counted in
 * {@code coffer_scrub_corrupt_chunks_total}. Durable state: its cursor in
 * the catalogue's {@code jobs} table ({@code i64 end of the last full pass | the last chunk id
 * read, or empty between passes}), recorded after each step, so a restart resumes the pass rather
 * than start over. Done: chunks read. Backlog: prefix directories (of 256) still to read in
 * this pass. Each pass ends with RocksDB's checksum check of every catalogue table file, where
 * small objects live inline: a failing file is logged and shown in health and metrics
 * ({@link #catalogCorruption}) until a later pass finds none (a GET of a damaged record answers
 * InternalError, never its bytes).
 */
public final class Scrub extends CursorJob {
    static final String NAME = "scrub";
    private static final Logger log = LoggerFactory.getLogger(Scrub.class);
    private static final int CHUNKS_PER_STEP = 64;
    private static final int BUFFER = 1024 * 1024;

    private final ChunkStore chunks;
    private final long bytesPerSecond;
    private final Duration passInterval;
    private final Counter corrupt;
    private final Counter bytes;
    private final Counter catalogCorrupt;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private volatile String catalogCorruption;

    public Scrub(Catalog catalog, ChunkStore chunks, long bytesPerSecond, Duration passInterval, MeterRegistry registry) {
        this(catalog, NAME, chunks, bytesPerSecond, passInterval, registry);
    }

    /**
     * @param cursorName the row of its cursor in the {@code jobs} table: {@code scrub} on a single
     *     node, {@code scrub/<node id>} on each node of a cluster (the table is replicated; each
     *     node walks its own chunk files)
     */
    public Scrub(Catalog catalog, String cursorName, ChunkStore chunks, long bytesPerSecond, Duration passInterval,
                 MeterRegistry registry) {
        // A new pass starts only scrub-interval after the last one ended; on this node's own chunk files.
        super(NAME, cursorName, catalog, ticksFor(passInterval), Scope.EVERY_NODE);
        this.chunks = chunks;
        this.bytesPerSecond = bytesPerSecond;
        this.passInterval = passInterval;
        this.corrupt = Counter.builder("coffer.scrub.corrupt.chunks")
                .description("Chunks the scrub found failing their CRC32C checks, or unreadable (I/O error), and quarantined").register(registry);
        this.bytes = Counter.builder("coffer.scrub.read").baseUnit("bytes")
                .description("Chunk bytes the scrub read and checked").register(registry);
        this.catalogCorrupt = Counter.builder("coffer.scrub.corrupt.catalog")
                .description("Scrub passes that found a catalogue table file failing its checksums (after a clean one)")
                .register(registry);
    }

    @Override
    public synchronized Step step() throws IOException, InterruptedException {
        Cursor at = Cursor.read(loadCursor());
        if (at.after == null && System.currentTimeMillis() - at.lastPassEnd < passInterval.toMillis()) {
            publishBacklog(0);
            return new Step(0, false);
        }
        List<ChunkId> batch = chunks.listChunksAfter(at.after, CHUNKS_PER_STEP);
        for (ChunkId id : batch) check(id);
        boolean more = batch.size() == CHUNKS_PER_STEP;
        if (!more) checkCatalog();
        Cursor next = more ? new Cursor(at.lastPassEnd, batch.get(batch.size() - 1))
                : new Cursor(System.currentTimeMillis(), null);
        saveCursor(next.bytes());
        publishBacklog(more ? 255 - Integer.parseInt(next.after.value().substring(0, 2), 16) : 0);
        return new Step(batch.size(), more);
    }

    /** What the last pass's check of the catalogue's table files found failing, if anything. */
    public Optional<String> catalogCorruption() {
        return Optional.ofNullable(catalogCorruption);
    }

    private void checkCatalog() {
        Optional<String> found = catalog.health().verifyChecksums();
        if (found.isPresent()) {
            if (catalogCorruption == null) catalogCorrupt.increment();
            log.error("scrub: a catalogue table file failed its checksums: {}", found.get());
        }
        catalogCorruption = found.orElse(null);
    }

    private void check(ChunkId id) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long read = 0;
        try (ChunkReader reader = chunks.openReader(id)) {
            for (long position = 0; position < reader.length(); ) {
                buffer.clear();
                int n = reader.read(position, buffer);
                if (n < 0) break;
                position += n;
                read += n;
                bytes.increment(n);
                pace(started, read, bytesPerSecond);
            }
        } catch (NoSuchFileException collected) {
            // deleted by GC since the listing
        } catch (ChunkCorruptedException e) {
            corrupt.increment();
            log.error("scrub: chunk {} failed its check ({}); quarantined", id, e.getMessage());
        }
    }

    /** {@code i64 lastPassEnd | bytes chunk id (empty between passes)}. */
    private record Cursor(long lastPassEnd, ChunkId after) {
        static Cursor read(byte[] bytes) {
            if (bytes == null || bytes.length < Long.BYTES) return new Cursor(0, null);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
            long end = b.getLong();
            String id = new String(bytes, Long.BYTES, bytes.length - Long.BYTES, java.nio.charset.StandardCharsets.US_ASCII);
            return new Cursor(end, id.isEmpty() ? null : new ChunkId(id));
        }

        byte[] bytes() {
            byte[] id = after == null ? new byte[0] : after.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(Long.BYTES + id.length).putLong(lastPassEnd).put(id).array();
        }
    }
}
