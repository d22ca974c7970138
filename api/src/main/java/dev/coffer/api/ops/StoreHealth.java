package dev.coffer.api.ops;

import dev.coffer.api.jobs.ChunkAudit;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.StorageFullException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What is wrong with the node's storage now, in words for {@code /_coffer/health} and as gauges
 * for {@code /_coffer/metrics}: the disk below its reserve (object writes refused), RocksDB's
 * background error (catalogue changes refused), a catalogue table file the scrub found failing its
 * checksums, chunk files whose reads failed with an I/O error since the start (each quarantined),
 * chunks the catalogue names that the chunk-audit found missing or cut short. Blocking (a statfs):
 * call it off the event loop.
 */
public final class StoreHealth {
    private final Catalog catalog;
    private final ChunkStore chunks;
    private final Supplier<Optional<String>> catalogCorruption;
    private final Supplier<ChunkAudit.Found> missingChunks;

    public StoreHealth(Catalog catalog, ChunkStore chunks, Supplier<Optional<String>> catalogCorruption,
                       Supplier<ChunkAudit.Found> missingChunks) {
        this.catalog = catalog;
        this.chunks = chunks;
        this.catalogCorruption = catalogCorruption;
        this.missingChunks = missingChunks;
    }

    /**
     * Registers {@code coffer_disk_full}, {@code coffer_catalog_writes_stopped} and {@code
     * coffer_catalog_corrupt} (1 or 0), {@code coffer_chunk_read_errors_total} and {@code coffer_chunks_missing}.
     */
    public StoreHealth register(MeterRegistry registry) {
        Gauge.builder("coffer.disk.full", this, h -> h.diskFull().isPresent() ? 1 : 0)
                .description("1 while the disk has no room above coffer.disk-reserve: object writes are refused").register(registry);
        Gauge.builder("coffer.catalog.writes.stopped", this, h -> h.catalog.health().writesStopped().isPresent() ? 1 : 0)
                .description("1 while RocksDB refuses changes after a background error (a full disk, a failed write)")
                .register(registry);
        Gauge.builder("coffer.catalog.reopens", this, h -> h.catalog.health().reopens())
                .description("times the catalogue reopened RocksDB in-process after it stopped writing (a full disk, another I/O error), once the fault had passed").register(registry);
        Gauge.builder("coffer.catalog.corrupt", this, h -> h.catalogCorruption.get().isPresent() ? 1 : 0)
                .description("1 when the scrub's last pass found a catalogue table file failing its checksums").register(registry);
        FunctionCounter.builder("coffer.chunk.read.errors", chunks, ChunkStore::readErrors)
                .description("Reads of chunk files that failed with an I/O error (EIO) since the start; each chunk was quarantined")
                .register(registry);
        Gauge.builder("coffer.chunks.missing", this, h -> h.missingChunks.get().count())
                .description("Chunks the catalogue names whose file the chunk-audit found missing or cut short on this node")
                .register(registry);
        return this;
    }

    /** Each problem in one line; empty when there is none. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        diskFull().ifPresent(out::add);
        catalog.health().writesStopped().ifPresent(why -> out.add("catalogue refuses changes: " + why));
        catalogCorruption.get().ifPresent(why -> out.add("catalogue table file damaged: " + why));
        long readErrors = chunks.readErrors();
        if (readErrors > 0) {
            out.add(readErrors + " chunk read(s) failed with an I/O error since the start, each chunk moved to quarantine/"
                    + " (last: " + chunks.lastReadError().orElse("?") + "); the disk may be failing");
        }
        ChunkAudit.Found missing = missingChunks.get();
        if (missing.count() > 0) {
            out.add(missing.count() + " chunk(s) the catalogue names are missing or cut short on disk ("
                    + (missing.wholePass() ? "chunk-audit's last pass" : "chunk-audit's pass so far") + ", e.g. "
                    + String.join(", ", missing.examples()) + "): reads of them fail here");
        }
        return out;
    }

    private Optional<String> diskFull() {
        try {
            chunks.requireRoom(0);
            return Optional.empty();
        } catch (StorageFullException full) {
            return Optional.of("disk full: " + full.usableBytes() + " bytes usable, " + full.reserveBytes()
                    + " kept in reserve; object writes are refused");
        } catch (IOException | RuntimeException unknown) {
            return Optional.of("disk space unknown: " + unknown.getMessage());
        }
    }
}
