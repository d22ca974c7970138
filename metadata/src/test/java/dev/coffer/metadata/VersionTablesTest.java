package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version tables under S3's rules: ids, null version, delete markers, restore, GC. */
class VersionTablesTest {
    @TempDir
    Path dir;

    Catalog catalog;
    ObjectVersions versions;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
        versions = catalog.versions();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private String put(String key, String etag, String... chunks) {
        return versions.publish("b", key, Records.chunked(etag, chunks), WriteCondition.NONE).reportedVersionId();
    }

    /** (versionId, deleteMarker, latest) of every version of the bucket, in listing order. */
    private List<String> listing() {
        return versions.list(new VersionsQuery("b", "", null, null, null, 1000)).versions().stream()
                .map(e -> e.key() + ":" + (e.record().deleteMarker() ? "DM:" : "") + e.record().etag()
                        + (e.latest() ? "*" : ""))
                .toList();
    }

    private Set<String> queuedChunks() {
        return catalog.gc().pending(Long.MAX_VALUE, 1000).stream().map(GcEntry::chunkId).collect(Collectors.toSet());
    }

    @Test
    void enabledWritesGetTimeOrderedIdsAndKeepOldVersions() {
        versions.setVersioning("b", Versioning.ENABLED);
        String v1 = put("k", "e1", "c1");
        String v2 = put("k", "e2", "c2");
        String v3 = put("k", "e3", "c3");
        assertTrue(v1.compareTo(v2) < 0 && v2.compareTo(v3) < 0, v1 + " " + v2 + " " + v3);
        assertEquals(List.of("k:e3*", "k:e2", "k:e1"), listing());
        assertEquals("e1", versions.find("b", "k", v1).orElseThrow().record().etag());
        assertEquals("e3", catalog.getObject("b", "k").orElseThrow().etag());
        assertTrue(queuedChunks().isEmpty(), "a versioned overwrite keeps the old chunks");
    }

    @Test
    void unversionedBucketKeepsOneNullVersionAndQueuesSupersededChunks() {
        assertNull(put("k", "e1", "c1"));
        assertNull(put("k", "e2", "c2"));
        assertEquals(List.of("k:e2*"), listing());
        assertEquals(Set.of("c1"), queuedChunks());
        assertFalse(versions.holdsAnyStored("b"), "an unversioned bucket writes only the objects table");
    }

    @Test
    void suspendedWriteReplacesOnlyTheNullVersion() {
        put("k", "n0", "c0"); // the null version, written unversioned
        versions.setVersioning("b", Versioning.ENABLED);
        String v1 = put("k", "e1", "c1");
        versions.setVersioning("b", Versioning.SUSPENDED);
        assertEquals("null", put("k", "n2", "c2"));
        assertEquals(List.of("k:n2*", "k:e1"), listing());
        assertEquals(Set.of("c0"), queuedChunks(), "the old null version's chunks, nothing else");
        assertEquals("n2", versions.find("b", "k", "null").orElseThrow().record().etag());
        assertEquals("e1", versions.find("b", "k", v1).orElseThrow().record().etag());
        put("k", "n3", "c3");
        assertEquals(List.of("k:n3*", "k:e1"), listing());
        assertEquals(Set.of("c0", "c2"), queuedChunks());
    }

    @Test
    void deleteWithoutIdAddsAMarkerThatHidesTheKey() {
        versions.setVersioning("b", Versioning.ENABLED);
        put("k", "e1", "c1");
        DeleteOutcome marker = versions.deleteLatest("b", "k");
        assertTrue(marker.deleteMarker());
        assertNotNull(marker.versionId());
        assertTrue(catalog.getObject("b", "k").isEmpty());
        assertTrue(versions.latest("b", "k").orElseThrow().record().deleteMarker());
        assertEquals(List.of("k:DM:*", "k:e1"), listing());
        assertTrue(catalog.list(new ListQuery("b", "", null, null, 10)).objects().isEmpty());
        assertTrue(queuedChunks().isEmpty());
    }

    @Test
    void deletingTheMarkerRestoresThePreviousVersion() {
        versions.setVersioning("b", Versioning.ENABLED);
        put("k", "e1", "c1");
        String marker = versions.deleteLatest("b", "k").versionId();
        DeleteOutcome removed = versions.deleteVersion("b", "k", marker);
        assertTrue(removed.deleteMarker());
        assertEquals("e1", catalog.getObject("b", "k").orElseThrow().etag());
        assertEquals(List.of("k:e1*"), listing());
    }

    @Test
    void deletingTheCurrentVersionPromotesTheNextButNotAMarker() {
        versions.setVersioning("b", Versioning.ENABLED);
        String v1 = put("k", "e1", "c1");
        versions.deleteLatest("b", "k");
        String v3 = put("k", "e3", "c3");
        versions.deleteVersion("b", "k", v3);
        assertTrue(catalog.getObject("b", "k").isEmpty(), "the marker below is latest again");
        assertEquals(List.of("k:DM:*", "k:e1"), listing());
        assertEquals(Set.of("c3"), queuedChunks());
        versions.deleteVersion("b", "k", v1);
        assertEquals(Set.of("c1", "c3"), queuedChunks(), "deleting a version frees exactly its chunks");
    }

    @Test
    void suspendedDeleteMakesANullMarkerReplacingTheNullVersion() {
        versions.setVersioning("b", Versioning.SUSPENDED);
        put("k", "n1", "c1");
        DeleteOutcome marker = versions.deleteLatest("b", "k");
        assertEquals("null", marker.versionId());
        assertEquals(List.of("k:DM:*"), listing());
        assertEquals(Set.of("c1"), queuedChunks());
        versions.deleteVersion("b", "k", "null");
        assertEquals(List.of(), listing());
    }

    @Test
    void missingVersionDeletesNothingAndMalformedIdIsRefused() {
        versions.setVersioning("b", Versioning.ENABLED);
        put("k", "e1", "c1");
        String unknown = VersionIds.newId(VersionIds.propose(System.currentTimeMillis()), 42);
        assertFalse(versions.deleteVersion("b", "k", unknown).deleteMarker());
        assertTrue(versions.find("b", "k", unknown).isEmpty());
        assertEquals(List.of("k:e1*"), listing());
        assertThrows(IllegalArgumentException.class, () -> versions.find("b", "k", "not-an-id"));
    }

    @Test
    void bucketWithOnlyMarkersIsNotEmpty() {
        versions.setVersioning("b", Versioning.ENABLED);
        versions.deleteLatest("b", "gone");
        assertThrows(BucketNotEmptyException.class, () -> catalog.deleteBucket("b"));
    }

    @Test
    void noncurrentChunksAreReferencedForTheOrphanSweep() {
        versions.setVersioning("b", Versioning.ENABLED);
        put("k", "e1", "c1");
        put("k", "e2", "c2");
        java.util.Set<String> seen = new java.util.HashSet<>();
        catalog.gc().forEachReferencedChunk(seen::add);
        assertEquals(Set.of("c1", "c2"), seen);
    }

    @Test
    void versioningStateSurvivesReopen() {
        versions.setVersioning("b", Versioning.SUSPENDED);
        catalog.close();
        catalog = Catalog.open(dir, false);
        assertEquals(Versioning.SUSPENDED, catalog.getBucket("b").orElseThrow().versioning());
    }
}
