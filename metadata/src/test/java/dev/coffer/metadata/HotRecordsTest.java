package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HotRecords} as a reader of the catalogue sees it: what a read keeps answers from memory
 * until a change of it commits; a read that raced with a commit never answers; a change of the
 * bucket forgets its keys' versions; memory stays bounded.
 */
class HotRecordsTest {
    @TempDir
    Path dir;

    Catalog catalog;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.resolve("a"), false);
        catalog.createBucket(Records.bucket("b"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aReadLatestVersionAnswersFromMemoryUntilTheKeyChanges() {
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty(), "nothing read yet");
        assertEquals("one", body(catalog.versions().latest("b", "k")));
        assertEquals("one", body(catalog.hot().knownLatest("b", "k")));

        catalog.putObject("b", "k", Records.inline("e2", "two"), WriteCondition.NONE);
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty(), "the put forgot it");
        assertEquals("two", body(catalog.versions().latest("b", "k")));
        assertEquals("two", body(catalog.hot().knownLatest("b", "k")));

        catalog.setObjectAttribute("b", "k", null, "tags", new byte[] {1});
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty(), "an attribute change forgot it");
        catalog.versions().latest("b", "k");
        catalog.deleteObject("b", "k");
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty());
        assertTrue(catalog.versions().latest("b", "k").isEmpty());
    }

    @Test
    void aVersioningChangeForgetsTheKeysOfTheBucket() {
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        assertEquals(null, catalog.versions().latest("b", "k").orElseThrow().reportedVersionId());
        catalog.versions().setVersioning("b", Versioning.SUSPENDED);
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty());
        assertEquals("null", catalog.versions().latest("b", "k").orElseThrow().reportedVersionId());
        assertEquals("null", catalog.hot().knownLatest("b", "k").orElseThrow().reportedVersionId());
    }

    @Test
    void aVersionedKeysDeleteMarkerAndDeletedVersionAreNotAnsweredFromMemory() {
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        catalog.putObject("b", "k", Records.inline("e1", "one"), WriteCondition.NONE);
        String first = catalog.versions().latest("b", "k").orElseThrow().record().versionId();
        catalog.putObject("b", "k", Records.inline("e2", "two"), WriteCondition.NONE);
        String second = catalog.versions().latest("b", "k").orElseThrow().record().versionId();
        assertEquals("two", body(catalog.hot().knownLatest("b", "k")));

        catalog.versions().deleteVersion("b", "k", second);
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty());
        assertEquals(first, catalog.versions().latest("b", "k").orElseThrow().record().versionId());
        assertEquals("one", body(catalog.hot().knownLatest("b", "k")));

        catalog.deleteObject("b", "k");
        assertTrue(catalog.versions().latest("b", "k").orElseThrow().record().deleteMarker());
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty(), "a delete marker is never kept");
    }

    @Test
    void aBucketConfigurationAnswersAsLastCommitted() {
        assertTrue(catalog.hot().knownConfig("b", "policy").isEmpty(), "not read yet");
        assertTrue(catalog.bucketConfig("b", "policy").isEmpty());
        assertEquals(Optional.empty(), catalog.hot().knownConfig("b", "policy").orElseThrow(), "known to be absent");
        catalog.setBucketConfig("b", "policy", "p1".getBytes(StandardCharsets.UTF_8));
        assertTrue(catalog.hot().knownConfig("b", "policy").isEmpty());
        assertEquals("p1", new String(catalog.bucketConfig("b", "policy").orElseThrow(), StandardCharsets.UTF_8));
        byte[] known = catalog.hot().knownConfig("b", "policy").orElseThrow().orElseThrow();
        known[0] = 'x'; // a caller's copy: the kept bytes stay as committed
        assertEquals("p1", new String(catalog.hot().knownConfig("b", "policy").orElseThrow().orElseThrow(),
                StandardCharsets.UTF_8));
        catalog.getBucket("b");
        assertTrue(catalog.hot().knownBucket("b").isPresent());
    }

    /**
     * The classic race, made deterministic: a reader misses, reads the old row, then — before it
     * keeps it — a writer commits and forgets; the reader's late fill must not answer afterwards.
     */
    @Test
    void aReadThatRacedWithACommitIsNeverServedAfterIt() throws Exception {
        raceAReadWithACommit(Records.inline("e1", "old"), Records.inline("e2", "new"));
    }

    /** The same race for a version stored in chunks, kept by its chunk pointers. */
    @Test
    void aReadOfAChunkedVersionThatRacedWithACommitIsNeverServedAfterIt() throws Exception {
        raceAReadWithACommit(Records.chunked("e1", "c-old"), Records.chunked("e2", "c-new"));
    }

    @Test
    void aChunkedLatestVersionAnswersFromMemoryByItsChunkPointersUntilTheKeyChanges() {
        catalog.putObject("b", "big", Records.chunked("e1", "c1", "c2"), WriteCondition.NONE);
        assertEquals(List.of("c1", "c2"), chunkIds(catalog.versions().latest("b", "big")));
        assertEquals(List.of("c1", "c2"), chunkIds(catalog.hot().knownLatest("b", "big")));

        catalog.putObject("b", "big", Records.chunked("e2", "c3"), WriteCondition.NONE);
        assertTrue(catalog.hot().knownLatest("b", "big").isEmpty(), "the overwrite forgot it");
        assertEquals(List.of("c3"), chunkIds(catalog.versions().latest("b", "big")));
        assertEquals(List.of("c3"), chunkIds(catalog.hot().knownLatest("b", "big")));

        String[] many = java.util.stream.IntStream.range(0, 400).mapToObj(i -> "m" + i).toArray(String[]::new);
        catalog.putObject("b", "many", Records.chunked("e3", many), WriteCondition.NONE);
        assertEquals(400, catalog.versions().latest("b", "many").orElseThrow().record().chunks().size());
        assertTrue(catalog.hot().knownLatest("b", "many").isEmpty(), "a version of hundreds of chunks is not kept");
    }

    private void raceAReadWithACommit(ObjectRecord old, ObjectRecord fresh) throws Exception {
        catalog.putObject("b", "k", old, WriteCondition.NONE);
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        catalog.hot().afterReadForTests(() -> {
            if (!Thread.currentThread().getName().equals("racing-reader")) return;
            readDone.countDown();
            await(committed);
        });
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "racing-reader"));
        try {
            Future<Optional<ObjectVersion>> read = reader.submit(() -> catalog.versions().latest("b", "k"));
            await(readDone);
            catalog.putObject("b", "k", fresh, WriteCondition.NONE);
            committed.countDown();
            assertEquals(old.etag(), etag(read.get(10, TimeUnit.SECONDS)), "the read began before the write");
        } finally {
            reader.shutdownNow();
        }
        assertFalse(catalog.hot().knownLatest("b", "k").map(v -> v.record().etag()).filter(old.etag()::equals).isPresent(),
                "the late fill of the old row answers");
        assertEquals(fresh.etag(), etag(catalog.versions().latest("b", "k")));
        assertEquals(fresh.etag(), etag(catalog.hot().knownLatest("b", "k")));
    }

    /** Every read returns a version that was current at some instant during the read. */
    @Test
    void concurrentReadersSeeOnlyVersionsCurrentDuringTheirRead() throws Exception {
        int writes = 1500;
        AtomicInteger started = new AtomicInteger(0); // highest version whose put began
        AtomicInteger done = new AtomicInteger(0); // highest version whose put returned
        catalog.putObject("b", "k", Records.inline("e0", "0"), WriteCondition.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                boolean peek = r == 0;
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (done.get() < writes) {
                        int low = done.get();
                        Optional<ObjectVersion> seen = peek ? catalog.hot().knownLatest("b", "k")
                                : catalog.versions().latest("b", "k");
                        int high = started.get();
                        if (seen.isEmpty() && peek) continue;
                        int version = Integer.parseInt(body(seen));
                        if (version < low || version > high) {
                            throw new AssertionError("read " + version + " outside [" + low + ", " + high + "]");
                        }
                        reads++;
                    }
                    return reads;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int v = 1; v <= writes; v++) {
                    started.set(v);
                    catalog.putObject("b", "k", Records.inline("e" + v, Integer.toString(v)), WriteCondition.NONE);
                    done.set(v);
                }
            });
            writer.get(120, TimeUnit.SECONDS);
            for (Future<Integer> r : readers) r.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(writes), body(catalog.versions().latest("b", "k")));
    }

    @Test
    void aCheckpointInstalledOverTheRowsForgetsWhatWasKept() {
        catalog.putObject("b", "k", Records.inline("e1", "old"), WriteCondition.NONE);
        assertEquals("old", body(catalog.versions().latest("b", "k")));
        try (Catalog other = Catalog.open(dir.resolve("other"), false)) {
            other.createBucket(Records.bucket("b"));
            other.putObject("b", "k", Records.inline("e2", "new"), WriteCondition.NONE);
            other.replica().checkpoint(dir.resolve("cp"));
        }
        catalog.replica().install(dir.resolve("cp"));
        assertTrue(catalog.hot().knownLatest("b", "k").isEmpty());
        assertEquals("new", body(catalog.versions().latest("b", "k")));
    }

    @Test
    void memoryStaysWithinItsBounds() {
        String big = "x".repeat(32 * 1024);
        for (int i = 0; i < 700; i++) {
            catalog.putObject("b", "big" + i, Records.inline("e", big), WriteCondition.NONE);
            catalog.versions().latest("b", "big" + i);
        }
        assertTrue(catalog.hot().bytes() <= HotRecords.MAX_BYTES, "bytes " + catalog.hot().bytes());
        for (int i = 0; i < HotRecords.MAX_ENTRIES + 500; i++) {
            catalog.putObject("b", "small" + i, Records.inline("e", "s"), WriteCondition.NONE);
            catalog.versions().latest("b", "small" + i);
        }
        assertTrue(catalog.hot().size() <= HotRecords.MAX_ENTRIES, "entries " + catalog.hot().size());
        assertEquals("s", body(catalog.versions().latest("b", "small0")), "an evicted key reads from RocksDB");
    }

    private static String body(Optional<ObjectVersion> version) {
        return new String(version.orElseThrow().record().inline(), StandardCharsets.UTF_8);
    }

    private static String etag(Optional<ObjectVersion> version) {
        return version.orElseThrow().record().etag();
    }

    private static List<String> chunkIds(Optional<ObjectVersion> version) {
        return version.orElseThrow().record().chunks().stream().map(ChunkPointer::chunkId).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("latch never opened");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
