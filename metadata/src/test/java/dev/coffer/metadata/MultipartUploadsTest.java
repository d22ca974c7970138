package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartUploadsTest {
    @TempDir
    Path dir;

    Catalog catalog;
    MultipartUploads uploads;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.createBucket(Records.bucket("b"));
        uploads = catalog.uploads();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    static UploadRecord upload(String key, String id) {
        return new UploadRecord("b", key, id, 1_000L, Map.of("content-type", "text/plain"), Map.of("a", "1"),
                null, null, "STANDARD", "owner");
    }

    static PartRecord part(int n, String... chunkIds) {
        return new PartRecord(n, 10L * chunkIds.length, "etag" + n, 5L, null, null,
                java.util.Arrays.stream(chunkIds).map(c -> new ChunkPointer(c, 10)).toList());
    }

    private Set<String> queuedChunks() {
        return catalog.gc().pending(Long.MAX_VALUE, 1000).stream().map(GcEntry::chunkId).collect(Collectors.toSet());
    }

    private Set<String> referenced() {
        Set<String> ids = new HashSet<>();
        catalog.gc().forEachReferencedChunk(ids::add);
        return ids;
    }

    /** Plan: the object is every part, chunks concatenated. */
    static ObjectRecord concatenation(UploadRecord u, List<PartRecord> parts) {
        List<ChunkPointer> chunks = new ArrayList<>();
        parts.forEach(p -> chunks.addAll(p.chunks()));
        return ObjectRecord.ofBody(chunks.size() * 10L, "mp-" + parts.size(), 7L, u.contentHeaders(), u.userMetadata(),
                Map.of(), null, chunks);
    }

    @Test
    void uploadIdsSortInInitiationOrderAndAreWellFormed() {
        String early = UploadIds.next(1_000);
        String late = UploadIds.next(2_000);
        assertTrue(early.compareTo(late) < 0);
        assertTrue(UploadIds.isWellFormed(early));
        assertFalse(UploadIds.isWellFormed("../etc"));
        assertFalse(UploadIds.isWellFormed(early.toUpperCase()));
    }

    @Test
    void unknownOrMalformedUploadIsNoSuchUpload() {
        String id = UploadIds.next(1);
        assertThrows(NoSuchUploadException.class, () -> uploads.putPart("b", "k", id, part(1, "c1")));
        assertThrows(NoSuchUploadException.class, () -> uploads.listParts("b", "k", "nonsense", 0, 10));
        assertThrows(NoSuchUploadException.class, () -> uploads.abort("b", "k", id));
        uploads.create(upload("k", id));
        assertThrows(NoSuchUploadException.class, () -> uploads.putPart("b", "other", id, part(1, "c1")),
                "an upload id belongs to one key");
    }

    @Test
    void reuploadedPartReplacesTheOldAndQueuesItsChunksInTheSameBatch() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "old1", "old2"));
        uploads.putPart("b", "k", id, part(1, "new1"));
        assertEquals(Set.of("old1", "old2"), queuedChunks());
        PartListPage page = uploads.listParts("b", "k", id, 0, 10);
        assertEquals(List.of("new1"), page.parts().get(0).chunks().stream().map(ChunkPointer::chunkId).toList());
        assertTrue(referenced().containsAll(Set.of("new1", "old1", "old2")), "parts' chunks are referenced");
    }

    @Test
    void deletingABucketDiscardsItsUploadsInProgressAndQueuesTheirChunks() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "p1", "p2"));
        catalog.createBucket(Records.bucket("b-other"));
        String other = UploadIds.next(2);
        uploads.create(new UploadRecord("b-other", "k", other, 1_000L, Map.of(), Map.of(), null, null, "STANDARD", "o"));
        uploads.putPart("b-other", "k", other, part(1, "kept"));

        catalog.deleteBucket("b");

        assertEquals(Set.of("p1", "p2"), queuedChunks());
        assertTrue(referenced().contains("kept"), "another bucket's upload is untouched");
        catalog.createBucket(Records.bucket("b"));
        assertThrows(NoSuchUploadException.class, () -> uploads.listParts("b", "k", id, 0, 10));
    }

    @Test
    void listPartsPagesAtEveryEdge() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        for (int n : new int[] {1, 2, 5, 10, 10_000}) uploads.putPart("b", "k", id, part(n, "c" + n));
        for (int size = 1; size <= 6; size++) {
            List<Integer> seen = new ArrayList<>();
            int marker = 0;
            PartListPage page;
            do {
                page = uploads.listParts("b", "k", id, marker, size);
                page.parts().forEach(p -> seen.add(p.partNumber()));
                if (!page.parts().isEmpty()) marker = page.parts().get(page.parts().size() - 1).partNumber();
            } while (page.truncated());
            assertEquals(List.of(1, 2, 5, 10, 10_000), seen, "page size " + size);
        }
        assertFalse(uploads.listParts("b", "k", id, 10_000, 5).truncated());
    }

    @Test
    void completeUsesTheChosenPartsInPlaceAndReclaimsTheRest() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "p1"));
        uploads.putPart("b", "k", id, part(2, "p2a", "p2b"));
        uploads.putPart("b", "k", id, part(3, "p3"));
        UploadCompletion done = uploads.complete("b", "k", id, (u, parts) ->
                concatenation(u, parts.stream().filter(p -> p.partNumber() != 2).toList()), WriteCondition.NONE);
        assertFalse(done.retried());
        ObjectRecord stored = catalog.getObject("b", "k").orElseThrow();
        assertEquals(List.of("p1", "p3"), stored.chunks().stream().map(ChunkPointer::chunkId).toList());
        assertEquals("text/plain", stored.contentHeaders().get("content-type"));
        assertEquals(Set.of("p2a", "p2b"), queuedChunks());
        assertTrue(uploads.get("b", "k", id).isEmpty());
        assertThrows(NoSuchUploadException.class, () -> uploads.listParts("b", "k", id, 0, 10));
        assertTrue(referenced().containsAll(Set.of("p1", "p3")));
    }

    @Test
    void completedObjectStartsWithTheUploadsAttributesUnderItsOwn() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id).withAttribute("tags", new byte[] {1}).withAttribute("sse", new byte[] {2}));
        assertArrayEquals(new byte[] {1}, uploads.get("b", "k", id).orElseThrow().attributes().get("tags"));
        uploads.putPart("b", "k", id, part(1, "p1"));
        uploads.complete("b", "k", id, (u, parts) -> concatenation(u, parts).withAttribute("sse", new byte[] {3}),
                WriteCondition.NONE);
        ObjectRecord stored = catalog.getObject("b", "k").orElseThrow();
        assertArrayEquals(new byte[] {1}, stored.attribute("tags").orElseThrow());
        assertArrayEquals(new byte[] {3}, stored.attribute("sse").orElseThrow(), "the completion's own wins");
    }

    @Test
    void refusedPlanWritesNothing() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "p1"));
        assertThrows(IllegalStateException.class, () -> uploads.complete("b", "k", id, (u, parts) -> {
            throw new IllegalStateException("EntityTooSmall");
        }, WriteCondition.NONE));
        assertTrue(catalog.getObject("b", "k").isEmpty());
        assertEquals(1, uploads.listParts("b", "k", id, 0, 10).parts().size());
        assertTrue(queuedChunks().isEmpty());
    }

    @Test
    void failedConditionWritesNothingAndLeavesTheUploadInProgress() {
        catalog.putObject("b", "k", Records.inline("other", "x"), WriteCondition.NONE);
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "p1"));
        ConditionalWriteConflict refused = assertThrows(ConditionalWriteConflict.class, () -> uploads.complete(
                "b", "k", id, MultipartUploadsTest::concatenation, new WriteCondition.IfAbsent()));
        assertEquals(new WriteCondition.IfAbsent(), refused.failed());
        assertTrue(refused.keyExisted());
        assertEquals("other", catalog.getObject("b", "k").orElseThrow().etag());
        assertEquals(1, uploads.listParts("b", "k", id, 0, 10).parts().size());
        assertTrue(queuedChunks().isEmpty());
        String etag = catalog.getObject("b", "k").orElseThrow().etag();
        uploads.complete("b", "k", id, MultipartUploadsTest::concatenation, new WriteCondition.IfEtagMatches(etag));
        assertEquals(List.of("p1"), catalog.getObject("b", "k").orElseThrow().chunks().stream()
                .map(ChunkPointer::chunkId).toList());
    }

    @Test
    void retriedCompleteAnswersWhileTheObjectIsStillTheUploads() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "p1"));
        ObjectRecord first = uploads.complete("b", "k", id, MultipartUploadsTest::concatenation, WriteCondition.NONE).record();
        UploadCompletion again = uploads.complete("b", "k", id, (u, p) -> {
            throw new AssertionError("a retry builds nothing");
        }, WriteCondition.NONE);
        assertTrue(again.retried());
        assertEquals(first.etag(), again.record().etag());
        catalog.putObject("b", "k", Records.inline("other", "x"), WriteCondition.NONE);
        assertThrows(NoSuchUploadException.class,
                () -> uploads.complete("b", "k", id, MultipartUploadsTest::concatenation, WriteCondition.NONE));
    }

    @Test
    void abortRemovesUploadAndPartsAndQueuesEveryChunk() {
        String id = UploadIds.next(1);
        uploads.create(upload("k", id));
        uploads.putPart("b", "k", id, part(1, "a1"));
        uploads.putPart("b", "k", id, part(2, "a2", "a3"));
        uploads.abort("b", "k", id);
        assertEquals(Set.of("a1", "a2", "a3"), queuedChunks());
        assertTrue(uploads.get("b", "k", id).isEmpty());
        assertThrows(NoSuchUploadException.class, () -> uploads.abort("b", "k", id));
        assertThrows(NoSuchUploadException.class,
                () -> uploads.complete("b", "k", id, MultipartUploadsTest::concatenation, WriteCondition.NONE), "an aborted upload never completes");
    }

    @Test
    void uploadRecordsSurviveReopen() {
        String id = UploadIds.next(1);
        uploads.create(upload("dir/ключ", id));
        uploads.putPart("b", "dir/ключ", id, part(7, "c7"));
        catalog.close();
        catalog = Catalog.open(dir, false);
        UploadRecord back = catalog.uploads().get("b", "dir/ключ", id).orElseThrow();
        assertEquals(upload("dir/ключ", id), back);
        assertEquals(part(7, "c7"), catalog.uploads().listParts("b", "dir/ключ", id, 0, 1).parts().get(0));
    }
}
