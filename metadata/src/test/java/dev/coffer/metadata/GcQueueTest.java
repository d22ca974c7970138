package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcQueueTest {
    @TempDir
    Path dir;

    private static List<String> chunkIds(List<GcEntry> entries) {
        return entries.stream().map(GcEntry::chunkId).toList();
    }

    @Test
    void overwriteQueuesTheSupersededChunks() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1", "c2"), WriteCondition.NONE);
            assertEquals(List.of(), catalog.gc().pending(Long.MAX_VALUE, 10));
            catalog.putObject("b", "k", Records.chunked("e2", "c3"), WriteCondition.NONE);
            assertEquals(List.of("c1", "c2"), chunkIds(catalog.gc().pending(Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void overwriteKeepingAChunkDoesNotQueueIt() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1", "c2"), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c2"), WriteCondition.NONE);
            assertEquals(List.of("c1"), chunkIds(catalog.gc().pending(Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void deleteQueuesChunksAndReturnsTheRecord() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            assertEquals("e1", catalog.deleteObject("b", "k").orElseThrow().etag());
            assertTrue(catalog.getObject("b", "k").isEmpty());
            assertTrue(catalog.deleteObject("b", "k").isEmpty(), "deleting again is a no-op");
            assertEquals(List.of("c1"), chunkIds(catalog.gc().pending(Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void pendingGcRespectsTheTimeBoundAndMaxOldestFirst() throws Exception {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e", "old1", "old2", "old3"), WriteCondition.NONE);
            catalog.deleteObject("b", "k");
            long between = System.currentTimeMillis();
            Thread.sleep(5);
            catalog.putObject("b", "k", Records.chunked("e", "new1"), WriteCondition.NONE);
            catalog.deleteObject("b", "k");

            assertEquals(List.of("old1", "old2", "old3"), chunkIds(catalog.gc().pending(between, 10)));
            assertEquals(List.of("old1", "old2"), chunkIds(catalog.gc().pending(between, 2)));
            assertEquals(List.of(), catalog.gc().pending(between - 60_000, 10));
            assertEquals(List.of("old1", "old2", "old3", "new1"), chunkIds(catalog.gc().pending(Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void completeGcRemovesOnlyTheDoneEntries() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e", "c1", "c2", "c3"), WriteCondition.NONE);
            catalog.deleteObject("b", "k");
            catalog.gc().complete(catalog.gc().pending(Long.MAX_VALUE, 2));
            assertEquals(List.of("c3"), chunkIds(catalog.gc().pending(Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void dataAndQueueSurviveReopenAndSequencesKeepRising() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c2"), WriteCondition.NONE);
        }
        try (Catalog catalog = Catalog.open(dir, true)) {
            assertEquals("e2", catalog.getObject("b", "k").orElseThrow().etag());
            assertEquals(List.of("b"), catalog.listBuckets().stream().map(BucketRecord::name).toList());
            catalog.deleteObject("b", "k");
            List<GcEntry> pending = catalog.gc().pending(Long.MAX_VALUE, 10);
            assertEquals(List.of("c1", "c2"), chunkIds(pending), "the old entry is not overwritten");
            assertTrue(pending.get(1).sequence() > pending.get(0).sequence());
        }
    }

    @Test
    void entriesKeyedBySequenceAloneAreRewrittenAtOpenAndCanBeCompleted() {
        // The gc table as builds before commands wrote it: 8-byte sequence keys.
        TableDef<Long, GcEntry> legacy = new TableDef<>("gc", KeyCodecs.SEQUENCE, ValueCodecs.GC_ENTRY, false);
        try (RocksStore store = RocksStore.open(dir, true, CatalogTables.ALL);
                org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            store.table(legacy).put(batch, 7L, new GcEntry(7, 100, "old-1"));
            store.table(legacy).put(batch, 8L, new GcEntry(8, 100, "old-2"));
            store.commit(batch);
        }
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            catalog.deleteObject("b", "k");
            List<GcEntry> pending = catalog.gc().pending(Long.MAX_VALUE, 10);
            assertEquals(List.of("old-1", "old-2", "c1"), chunkIds(pending), "new entries sort after the old ones");
            assertTrue(pending.get(2).sequence() > 8, "sequences start above the queued ones");
            catalog.gc().complete(pending);
            assertEquals(List.of(), catalog.gc().pending(Long.MAX_VALUE, 10));
        }
    }

    @Test
    void referencedChunksIncludeLiveObjectsAndQueuedEntries() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", Records.chunked("e1", "c1"), WriteCondition.NONE);
            catalog.putObject("b", "k", Records.chunked("e2", "c2", "c3"), WriteCondition.NONE);
            catalog.putObject("b", "small", Records.inline("e", "bytes"), WriteCondition.NONE);
            Set<String> seen = new HashSet<>();
            catalog.gc().forEachReferencedChunk(seen::add);
            assertEquals(Set.of("c1", "c2", "c3"), seen);
        }
    }
}
