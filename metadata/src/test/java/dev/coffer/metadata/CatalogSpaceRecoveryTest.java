package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalogue that a full disk stopped takes changes again once room is back, with no restart: the
 * store reopens RocksDB in-process (RocksJava has no {@code DB::Resume}), or RocksDB recovers from
 * its space limit by itself if that comes first. The "full disk" is
 * RocksDB's own space limit, the unprivileged twin of ENOSPC (the same background error); the real
 * one, a full tmpfs under the server, is the {@code catalog-full} row of docs/fault-report.md.
 */
class CatalogSpaceRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aCatalogueStoppedByAFullDiskTakesChangesAgainOnceRoomIsBackWithoutARestartLosingNothingAcknowledged()
            throws Exception {
        try (Catalog catalog = Catalog.open(dir, true, 1)) {
            catalog.createBucket(Records.bucket("b"));
            for (int i = 0; i < 50; i++) {
                catalog.putObject("b", "before" + i, Records.inline("e" + i, "body" + i), WriteCondition.NONE);
            }
            assertThrows(MetadataException.class, catalog::flush); // past the 1-byte limit: RocksDB stops
            assertThrows(CatalogStoppedException.class,
                    () -> catalog.putObject("b", "refused", Records.inline("r", "no room"), WriteCondition.NONE));

            // Readers keep reading (gets and listings, each a scan) while the store is reopened under them.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            AtomicReference<Throwable> readFailure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get() && i < 1_000_000; i++) {
                        assertEquals("e7", catalog.getObject("b", "before7").orElseThrow().etag());
                        assertEquals(50, catalog.list(new ListQuery("b", "before", null, null, 1000)).objects().size());
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    readFailure.set(t);
                }
            });
            reader.start();

            catalog.health().limitSpace(0); // room is back
            boolean accepted = false;
            for (int i = 0; i < 300 && !accepted; i++) { // bounded: 300 tries 100 ms apart
                try {
                    catalog.putObject("b", "after", Records.inline("a", "room again"), WriteCondition.NONE);
                    accepted = true;
                } catch (CatalogStoppedException e) {
                    Thread.sleep(100);
                }
            }
            stop.set(true);
            reader.join();

            assertTrue(accepted, "a change is accepted again without a restart");
            assertEquals(null, readFailure.get(), "no read failed while the store reopened");
            assertTrue(reads.get() > 0);
            assertTrue(catalog.health().writesStopped().isEmpty(), catalog.health().writesStopped().toString());
            // Which brought it back is not asserted: usually the reopen (0.5 s after the stop), but
            // RocksDB's own recovery from its space limit (its SstFileManager polls every 5 s) can come
            // first on a loaded machine (CI, main ca91151: writes accepted, health clear, 0 reopens).
            // CatalogStopRecoveryTest shows the reopen itself, where RocksDB cannot recover alone.
            assertEquals("e49", catalog.getObject("b", "before49").orElseThrow().etag(), "acknowledged before the stop");
            assertTrue(catalog.getObject("b", "refused").isEmpty(), "the refused change is not there");
            catalog.deleteObject("b", "before0");
            catalog.flush();
        }
        try (Catalog reopened = Catalog.open(dir, true)) {
            assertEquals("a", reopened.getObject("b", "after").orElseThrow().etag());
            assertEquals("e1", reopened.getObject("b", "before1").orElseThrow().etag());
            assertTrue(reopened.getObject("b", "before0").isEmpty());
            assertTrue(reopened.getObject("b", "refused").isEmpty());
        }
    }
}
