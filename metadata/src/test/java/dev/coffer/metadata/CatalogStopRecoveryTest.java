package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB stopped by a background error other than a full disk, with the real RocksDB. An I/O
 * error in a flush (here: the next table files' names taken by directories, so creating one fails
 * with EISDIR — RocksDB's "fatal" class, as an EIO is, which its own recovery and {@code DB::Resume}
 * leave alone) stops writes and is reported; once it has passed the catalogue reopens RocksDB
 * in-process and takes changes again, no restart, nothing acknowledged lost. A damaged table file
 * found by a compaction (corruption: "unrecoverable") stops writes and is reported as needing more
 * than a restart; no reopen is tried.
 */
class CatalogStopRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aFlushFailingWithAnIoErrorStopsWritesUntilItPassesThenTheyResumeWithoutARestart() throws Exception {
        List<Path> blockers = new ArrayList<>();
        Process lockHolder = null;
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            for (int i = 0; i < 20; i++) catalog.putObject("b", "before" + i, Records.inline("e" + i, "body" + i), WriteCondition.NONE);
            // Another process holds a new LOCK file (the open store keeps its lock on the old one), so
            // the recovery's read-write reopens fail until it lets go; a read-only open takes no lock.
            Files.delete(dir.resolve("LOCK"));
            lockHolder = holdLock(dir.resolve("LOCK"));
            for (int n = 1; n < 1000; n++) { // every table file name the flush could take
                Path name = dir.resolve(String.format("%06d.sst", n));
                if (!Files.exists(name)) blockers.add(Files.createDirectory(name));
            }

            assertThrows(MetadataException.class, catalog::flush);
            String why = catalog.health().writesStopped().orElseThrow();
            assertTrue(why.contains("IOError") && why.contains("Is a directory") && why.contains("reopens RocksDB by itself"), why);
            CatalogStoppedException refused = assertThrows(CatalogStoppedException.class,
                    () -> catalog.putObject("b", "refused", Records.inline("r", "refused"), WriteCondition.NONE));
            assertFalse(refused.noSpace(), refused.getMessage());
            for (int i = 0; i < 20; i++) assertEquals("e" + i, catalog.getObject("b", "before" + i).orElseThrow().etag());
            // the recovery's reopen fails (the lock is held)...
            for (int i = 0; i < 300 && !catalog.health().writesStopped().orElseThrow().contains("it tries again"); i++) {
                Thread.sleep(100); // bounded: 300 waits of 100 ms
            }
            why = catalog.health().writesStopped().orElseThrow();
            assertTrue(why.contains("reopening the catalogue after an I/O error failed") && why.contains("LOCK"), why);
            // ...and leaves it open read-only: reads and listings go on, changes are refused as stopped
            for (int i = 0; i < 20; i++) assertEquals("e" + i, catalog.getObject("b", "before" + i).orElseThrow().etag());
            assertEquals(20, catalog.list(new ListQuery("b", "before", null, null, 1000)).objects().size());
            assertThrows(CatalogStoppedException.class,
                    () -> catalog.putObject("b", "refused", Records.inline("r", "refused"), WriteCondition.NONE));
            assertEquals(0, catalog.health().reopens());

            for (Path blocker : blockers) Files.delete(blocker); // the fault passes
            lockHolder.destroy();
            lockHolder.waitFor();
            boolean accepted = false;
            for (int i = 0; i < 900 && !accepted; i++) { // bounded: 900 tries 100 ms apart (the retry period backs off to 30 s)
                try {
                    catalog.putObject("b", "after", Records.inline("a", "after"), WriteCondition.NONE);
                    accepted = true;
                } catch (CatalogStoppedException e) {
                    Thread.sleep(100);
                }
            }
            assertTrue(accepted, "writes accepted again without a restart");
            assertTrue(catalog.health().writesStopped().isEmpty(), catalog.health().writesStopped().toString());
            assertTrue(catalog.health().reopens() >= 1);
            assertTrue(catalog.getObject("b", "refused").isEmpty(), "the refused change is not there");
            for (int i = 0; i < 20; i++) assertEquals("e" + i, catalog.getObject("b", "before" + i).orElseThrow().etag());
        } finally {
            if (lockHolder != null) lockHolder.destroyForcibly();
        }
        try (Catalog reopened = Catalog.open(dir, true)) {
            for (int i = 0; i < 20; i++) assertEquals("e" + i, reopened.getObject("b", "before" + i).orElseThrow().etag());
            assertEquals("a", reopened.getObject("b", "after").orElseThrow().etag());
        }
    }

    @Test
    void aDamagedTableFileFoundByACompactionStopsWritesAndSaysARestartWillNotClearIt() throws Exception {
        byte[] body;
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "a", Records.inline("a", "a"), WriteCondition.NONE);
            body = TableFiles.putIncompressible(catalog, "rotten", 11);
            catalog.flush();
            catalog.putObject("b", "other", Records.inline("o", "other"), WriteCondition.NONE);
            catalog.putObject("b", "z", Records.inline("z", "z"), WriteCondition.NONE);
            catalog.flush(); // a second table file whose keys overlap the first's: the compaction reads both
        }
        TableFiles.flipABitOf(dir, body);

        try (Catalog catalog = Catalog.open(dir, true)) {
            assertThrows(MetadataException.class, catalog.health()::compact);
            String why = catalog.health().writesStopped().orElseThrow();
            assertTrue(why.contains("Corruption") && why.contains("a restart meets the same damage"), why);
            CatalogStoppedException refused = assertThrows(CatalogStoppedException.class,
                    () -> catalog.putObject("b", "refused", Records.inline("r", "refused"), WriteCondition.NONE));
            assertFalse(refused.noSpace(), refused.getMessage());
            assertEquals("o", catalog.getObject("b", "other").orElseThrow().etag(), "reads of intact blocks go on");
            assertEquals(0, catalog.health().reopens());
        }
    }

    /** A python3 process holding a POSIX (fcntl) lock on {@code lock}, as RocksDB takes it; returns once it holds it. */
    private static Process holdLock(Path lock) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import fcntl, sys, time\n"
                + "f = open(sys.argv[1], 'a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(300)\n",
                lock.toString()).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        assertEquals("locked", line, "python3 took the lock");
        return p;
    }
}
