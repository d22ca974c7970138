package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue's RocksDB failing under it, for real: its background error (here made by RocksDB's
 * own space limit, the unprivileged twin of ENOSPC: the same "stop writing" path) and a flipped bit
 * in a table file. A full file system and its recovery are in scripts/fault-report.sh.
 */
class CatalogFaultTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedRocksDbRefusesChangesAsStoppedKeepsReadsAndLosesNoCommittedChange() {
        try (Catalog catalog = Catalog.open(dir, true, 1)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "before", Records.inline("e1", "one"), WriteCondition.NONE);
            assertTrue(catalog.health().writesStopped().isEmpty());
            // The flush writes a table file past the 1-byte limit: RocksDB sets its background error.
            assertThrows(MetadataException.class, catalog::flush);
            assertTrue(catalog.health().writesStopped().orElseThrow().contains("stopped writing"), catalog.health().writesStopped().toString());

            CatalogStoppedException refused = assertThrows(CatalogStoppedException.class,
                    () -> catalog.putObject("b", "after", Records.inline("e2", "two"), WriteCondition.NONE));
            assertTrue(refused.noSpace(), refused.getMessage());
            assertThrows(CatalogStoppedException.class, () -> catalog.deleteObject("b", "before"));
            assertEquals("e1", catalog.getObject("b", "before").orElseThrow().etag(), "reads go on");
        }
        try (Catalog reopened = Catalog.open(dir, true)) {
            assertTrue(reopened.health().writesStopped().isEmpty());
            assertEquals("e1", reopened.getObject("b", "before").orElseThrow().etag(), "the committed change is kept");
            assertTrue(reopened.getObject("b", "after").isEmpty(), "the refused change is not there");
            reopened.putObject("b", "after", Records.inline("e2", "two"), WriteCondition.NONE);
        }
    }

    @Test
    void aFlippedBitInAnInlineObjectOnDiskIsReportedNeverServed() throws Exception {
        byte[] body;
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            body = TableFiles.putIncompressible(catalog, "rotten", 7);
            catalog.flush();
            assertTrue(catalog.health().verifyChecksums().isEmpty());
        }
        TableFiles.flipABitOf(dir, body);

        try (Catalog reopened = Catalog.open(dir, true)) {
            MetadataException read = assertThrows(MetadataException.class, () -> reopened.getObject("b", "rotten"));
            assertEquals(org.rocksdb.Status.Code.Corruption, ((org.rocksdb.RocksDBException) read.getCause()).getStatus().getCode());
            assertTrue(reopened.health().verifyChecksums().orElseThrow().contains("checksum mismatch"));
        }
    }

    @Test
    void theObjectIsIntactWhereNothingWasFlipped() {
        byte[] body = "intact".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", ObjectRecord.ofBody(body.length, "e", 1_000L, Map.of(), Map.of(), Map.of(),
                    body, List.of()), WriteCondition.NONE);
            catalog.flush();
        }
        try (Catalog reopened = Catalog.open(dir, true)) {
            assertArrayEquals(body, reopened.getObject("b", "k").orElseThrow().inline());
        }
    }

    @Test
    void aWalCutShortOpensWithEveryWholeRecordBeforeTheCutAndNothingHalf() throws Exception {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            for (int i = 0; i < 100; i++) {
                catalog.putObject("b", String.format("k%03d", i), Records.inline("e" + i, "v" + i), WriteCondition.NONE);
            }
        } // closed without a flush: the records are in the WAL only, as after a crash
        Path wal = newestWal();
        long size = Files.size(wal);
        try (var channel = java.nio.channels.FileChannel.open(wal, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size - 1000); // a torn tail: the disk lost the last writes
        }
        try (Catalog reopened = Catalog.open(dir, true)) {
            int present = 0;
            boolean gap = false;
            for (int i = 0; i < 100; i++) {
                var record = reopened.getObject("b", String.format("k%03d", i));
                if (record.isPresent()) {
                    assertTrue(!gap, "a record after a missing one: the cut was skipped, not stopped at");
                    assertEquals("e" + i, record.get().etag());
                    assertArrayEquals(("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), record.get().inline());
                    present++;
                } else {
                    gap = true;
                }
            }
            assertTrue(present > 50 && present < 100, "records kept: " + present);
            reopened.putObject("b", "after", Records.inline("e", "x"), WriteCondition.NONE); // and it takes changes
        }
    }

    @Test
    void aMissingTableFileRefusesToOpenSayingWhichFile() throws Exception {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.inline("e", "v"), WriteCondition.NONE);
            catalog.flush();
        }
        Path table;
        try (Stream<Path> files = Files.list(dir)) {
            table = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        Files.move(table, dir.resolve("away"));
        MetadataException refused = assertThrows(MetadataException.class, () -> Catalog.open(dir, true));
        String why = refused.getMessage() + " / " + refused.getCause();
        assertTrue(why.contains("cannot open catalogue") && why.contains(table.getFileName().toString().replace(".sst", "")),
                why);
        Files.move(dir.resolve("away"), table);
        try (Catalog restored = Catalog.open(dir, true)) {
            assertEquals("e", restored.getObject("b", "k").orElseThrow().etag());
        }
    }

    private Path newestWal() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log"))
                    .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
    }
}
