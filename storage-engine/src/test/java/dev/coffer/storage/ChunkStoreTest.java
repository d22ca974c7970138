package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkStoreTest {
    @TempDir Path root;

    @Test
    void openCreatesTheLayoutUnderANewRoot() throws IOException {
        Path fresh = root.resolve("a/b/data");
        try (ChunkStore store = ChunkStore.open(fresh, MIB)) {
            for (String dir : List.of("chunks", "tmp", "quarantine")) {
                assertTrue(Files.isDirectory(fresh.resolve(dir)), dir);
            }
            assertEquals(MIB, store.maxChunkSize());
        }
    }

    @Test
    void crashMidWriteLeavesTempFilesThatTheNextOpenRemoves() throws IOException {
        ChunkStore store = ChunkStore.open(root, BLOCK);
        ChunkWriter writer = store.newWriter();
        writer.write(ByteBuffer.wrap(randomBytes(2 * BLOCK + 1, 1)));
        // The "crash": the writer is never finished, aborted nor closed; only the lock goes.
        store.close();
        Files.write(root.resolve("tmp").resolve("0123456789abcdef0123456789abcdef.part"), new byte[] {1, 2});
        assertEquals(4, filesUnder(root.resolve("tmp")).size());

        try (ChunkStore reopened = ChunkStore.open(root, BLOCK)) {
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            assertEquals(List.of(), reopened.listChunks());
        }
    }

    @Test
    void publishedChunksSurviveReopen() throws IOException {
        byte[] payload = randomBytes(3 * BLOCK, 2);
        List<ChunkRef> refs;
        try (ChunkStore store = ChunkStore.open(root, BLOCK)) {
            refs = writeAll(store, payload, 5000);
        }
        try (ChunkStore store = ChunkStore.open(root, BLOCK)) {
            assertArrayEquals(payload, readAll(store, refs));
        }
    }

    @Test
    void secondOpenOfTheSameRootIsRefused() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, MIB)) {
            assertThrows(IOException.class, () -> ChunkStore.open(root, MIB));
        }
        ChunkStore.open(root, MIB).close();
    }

    @Test
    void maxChunkSizeOutsideItsRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ChunkStore.open(root, 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkStore.open(root, ChunkFormat.MAX_CHUNK_SIZE + 1));
    }

    @Test
    void listChunksListsExactlyThePublishedOnes() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, BLOCK)) {
            List<ChunkRef> published = writeAll(store, randomBytes(3 * BLOCK + 1, 3), 9000);
            published = Stream.concat(published.stream(), writeAll(store, new byte[5], 5).stream()).toList();
            try (ChunkWriter aborted = store.newWriter(); ChunkWriter inFlight = store.newWriter()) {
                aborted.write(ByteBuffer.wrap(new byte[100]));
                aborted.abort();
                inFlight.write(ByteBuffer.wrap(new byte[100]));
                // Strays: a foreign file, a chunk-named file in the wrong prefix directory.
                Files.write(root.resolve("chunks").resolve("README"), new byte[1]);
                Files.createDirectories(root.resolve("chunks/ff"));
                Files.write(root.resolve("chunks/ff/00000000000000000000000000000000"), new byte[1]);

                assertEquals(sorted(published.stream().map(ChunkRef::id).toList()), sorted(store.listChunks()));
            }
        }
    }

    @Test
    void deleteIsIdempotent() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, MIB)) {
            ChunkId id = writeAll(store, new byte[10], 10).get(0).id();
            store.delete(id);
            store.delete(id);
            store.delete(ChunkId.random());
            assertEquals(List.of(), store.listChunks());
            assertThrows(NoSuchFileException.class, () -> store.openReader(id));
        }
    }

    @Test
    void readerOpenedBeforeDeleteStillReadsTheChunk() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, MIB)) {
            byte[] payload = randomBytes(BLOCK + 3, 4);
            ChunkId id = writeAll(store, payload, BLOCK).get(0).id();
            try (ChunkReader reader = store.openReader(id)) {
                store.delete(id);
                ByteBuffer dst = ByteBuffer.allocate(payload.length);
                assertEquals(payload.length, reader.read(0, dst));
                assertArrayEquals(payload, dst.array());
            }
        }
    }

    @Test
    void closedStoreRefusesWork() throws IOException {
        ChunkStore store = ChunkStore.open(root, MIB);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, store::newWriter);
        assertThrows(IllegalStateException.class, store::listChunks);
    }

    @Test
    void closedReaderRefusesReads() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, MIB)) {
            ChunkReader reader = store.openReader(writeAll(store, new byte[10], 10).get(0).id());
            reader.close();
            assertThrows(IOException.class, () -> reader.read(0, ByteBuffer.allocate(1)));
        }
    }

    private static List<ChunkId> sorted(List<ChunkId> ids) {
        return ids.stream().sorted(Comparator.comparing(ChunkId::value)).toList();
    }

    @Test
    void listChunksAfterWalksEveryChunkInIdOrderInPages() throws IOException {
        try (ChunkStore store = ChunkStore.open(root, BLOCK)) {
            List<String> written = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                writeAll(store, randomBytes(10, i), 10).forEach(r -> written.add(r.id().value()));
            }
            written.sort(null);
            List<String> walked = new java.util.ArrayList<>();
            ChunkId after = null;
            for (List<ChunkId> page; !(page = store.listChunksAfter(after, 7)).isEmpty(); after = page.get(page.size() - 1)) {
                assertTrue(page.size() <= 7);
                page.forEach(id -> walked.add(id.value()));
            }
            assertEquals(written, walked);
            assertTrue(store.publishedMillis(new ChunkId(written.get(0))) > 0);
        }
    }
}
