package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStatesTest {
    @TempDir
    Path dir;

    @Test
    void aJobCursorSurvivesReopeningAndIsCleared() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            assertTrue(catalog.jobCursors().get("sweep").isEmpty());
            catalog.jobCursors().set("sweep", new byte[] {1, 2});
            catalog.jobCursors().set("scrub", new byte[0]);
        }
        try (Catalog catalog = Catalog.open(dir, true)) {
            assertArrayEquals(new byte[] {1, 2}, catalog.jobCursors().get("sweep").orElseThrow());
            assertArrayEquals(new byte[0], catalog.jobCursors().get("scrub").orElseThrow());
            catalog.jobCursors().set("sweep", null);
            assertTrue(catalog.jobCursors().get("sweep").isEmpty());
        }
    }

    @Test
    void expireCurrentRemovesTheVersionItWasJudgedOn() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            ObjectRecord old = Records.chunked("e1", "c1");
            catalog.putObject("b", "k", old, WriteCondition.NONE);
            catalog.expireCurrent("b", "k", null, old.lastModifiedMillis());
            assertTrue(catalog.getObject("b", "k").isEmpty());
            assertEquals(List.of("c1"), catalog.gc().pending(Long.MAX_VALUE, 10).stream().map(GcEntry::chunkId).toList());
        }
    }

    @Test
    void expireCurrentOfAVersionOverwrittenMeanwhileIsRefusedAndChangesNothing() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1").withLastModified(1000), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c2").withLastModified(2000), WriteCondition.NONE);
            assertThrows(VersionChanged.class, () -> catalog.expireCurrent("b", "k", null, 1000));
            assertEquals("e2", catalog.getObject("b", "k").orElseThrow().etag());
        }
    }

    @Test
    void expireCurrentInAVersionedBucketLeavesADeleteMarker() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.versions().setVersioning("b", Versioning.ENABLED);
            ObjectVersion v = catalog.versions().publish("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            DeleteOutcome out = catalog.expireCurrent("b", "k", v.record().versionId(), v.record().lastModifiedMillis());
            assertTrue(out.deleteMarker());
            assertTrue(catalog.versions().find("b", "k", v.record().versionId()).isPresent(), "the version is kept");
            assertThrows(VersionChanged.class, () -> catalog.expireCurrent("b", "k", v.record().versionId(),
                    v.record().lastModifiedMillis()), "a delete marker is current now");
        }
    }

    @Test
    void referencedAmongNamesOnlyTheCandidatesTheCatalogueHolds() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c2"), WriteCondition.NONE); // c1 queued for GC
            assertEquals(Set.of("c1", "c2"), catalog.gc().referencedAmong(Set.of("c1", "c2", "c3")));
        }
    }
}
