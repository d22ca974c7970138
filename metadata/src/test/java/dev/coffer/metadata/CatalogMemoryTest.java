package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RocksDB's memory as the catalogue reports it (the figures behind coffer_catalog_memory_bytes). */
class CatalogMemoryTest {
    private static final int OBJECTS = 256;
    private static final String BODY = "x".repeat(4096);
    private static final long WRITTEN = (long) OBJECTS * BODY.length();

    @TempDir
    Path dir;

    @Test
    void memtablesHoldWhatWasWrittenUntilTheFlushAndReadsFillTheBlockCache() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            CatalogMemory empty = catalog.health().memory().orElseThrow();
            for (int i = 0; i < OBJECTS; i++) {
                catalog.putObject("b", "k" + i, Records.inline("e" + i, BODY), WriteCondition.NONE);
            }
            CatalogMemory written = catalog.health().memory().orElseThrow();
            assertTrue(written.memtables() - empty.memtables() >= WRITTEN, () -> empty + " -> " + written);
            // The write buffer manager charges the memtables to the shared block cache.
            assertTrue(written.blockCache() >= WRITTEN, written::toString);

            catalog.flush();
            CatalogMemory flushed = catalog.health().memory().orElseThrow();
            assertTrue(flushed.memtables() < WRITTEN, flushed::toString);
            for (int i = 0; i < OBJECTS; i++) {
                assertTrue(catalog.getObject("b", "k" + i).isPresent());
            }
            CatalogMemory read = catalog.health().memory().orElseThrow();
            // Counted apart from the pinned part: the write buffer manager gives back the flushed
            // memtables' charge (pinned entries) lazily, while the reads add evictable data blocks.
            assertTrue(evictable(read) - evictable(flushed) >= WRITTEN, () -> flushed + " -> " + read);
            assertTrue(read.tableReaders() >= 0 && read.pinned() >= 0 && read.pinned() <= read.blockCache(), read::toString);
        }
    }

    private static long evictable(CatalogMemory memory) {
        return memory.blockCache() - memory.pinned();
    }

    @Test
    void aClosedCatalogueReportsNoFigure() {
        Catalog catalog = Catalog.open(dir, true);
        catalog.close();
        assertTrue(catalog.health().memory().isEmpty());
    }
}
