package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void emptyCatalogCountsNothing() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            assertEquals(new CatalogStats(0, 0, 0), catalog.stats());
        }
    }

    @Test
    void countsObjectsAcrossBucketsAndSumsTheirSizes() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("a"));
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("a", "k1", Records.inline("e", "hello"), WriteCondition.NONE);
            catalog.putObject("b", "k2", Records.chunked("e", "c1", "c2"), WriteCondition.NONE);
            assertEquals(new CatalogStats(2, 5 + 20, 0), catalog.stats());
        }
    }

    @Test
    void overwriteAndDeleteShowAsGcBacklogUntilCompleted() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1", "c2"), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c3"), WriteCondition.NONE);
            assertEquals(new CatalogStats(1, 10, 2), catalog.stats());
            catalog.deleteObject("b", "k");
            assertEquals(new CatalogStats(0, 0, 3), catalog.stats());
            catalog.gc().complete(catalog.gc().pending(Long.MAX_VALUE, 10));
            assertEquals(new CatalogStats(0, 0, 0), catalog.stats());
        }
    }

    @Test
    void oldVersionsDeleteMarkersAndUnfinishedUploadsAreCountedApart() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.versions().setVersioning("b", Versioning.ENABLED);
            catalog.versions().publish("b", "k", Records.chunked("e1", "c1", "c2"), WriteCondition.NONE);
            catalog.versions().publish("b", "k", Records.chunked("e2", "c3"), WriteCondition.NONE);
            catalog.versions().publish("b", "gone", Records.chunked("e3", "c4"), WriteCondition.NONE);
            catalog.deleteObject("b", "gone");
            String id = UploadIds.next(1_000);
            catalog.uploads().create(MultipartUploadsTest.upload("big", id));
            catalog.uploads().putPart("b", "big", id, MultipartUploadsTest.part(1, "p1", "p2", "p3"));
            catalog.uploads().putPart("b", "big", id, MultipartUploadsTest.part(2, "p4"));
            CatalogStats stats = catalog.stats();
            assertEquals(new CatalogStats(1, 10, 0, 2, 20 + 10, 1, 1, 30 + 10), stats);
            assertEquals(10 + 30 + 40, stats.allBytes());
        }
    }
}
