package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkWriterTest {
    @TempDir Path root;
    ChunkStore store;

    private ChunkStore open(long maxChunkSize) throws IOException {
        store = ChunkStore.open(root, maxChunkSize);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void streamRollsOverIntoChunksWhoseLengthsAddUp() throws IOException {
        open(100_000);
        byte[] payload = randomBytes(350_001, 1);
        List<ChunkRef> refs = writeAll(store, payload, 30_001);
        assertEquals(List.of(100_000L, 100_000L, 100_000L, 50_001L),
                refs.stream().map(ChunkRef::length).toList());
        assertEquals(4, refs.stream().map(ChunkRef::id).distinct().count());
        assertArrayEquals(payload, readAll(store, refs));
    }

    @Test
    void blockAlignedMaxChunkSizeRollsOverOnBlockEdges() throws IOException {
        open(2 * BLOCK);
        byte[] payload = randomBytes(5 * BLOCK + 3, 2);
        List<ChunkRef> refs = writeAll(store, payload, 3 * BLOCK);
        assertEquals(List.of(2L * BLOCK, 2L * BLOCK, BLOCK + 3L), refs.stream().map(ChunkRef::length).toList());
        assertArrayEquals(payload, readAll(store, refs));
    }

    @Test
    void streamOfExactlyMaxChunkSizeMakesOneChunk() throws IOException {
        open(3 * BLOCK);
        List<ChunkRef> refs = writeAll(store, randomBytes(3 * BLOCK, 3), BLOCK);
        assertEquals(1, refs.size());
        assertEquals(1, store.listChunks().size());
    }

    @Test
    void oneByteChunksRoundTrip() throws IOException {
        open(1);
        byte[] payload = randomBytes(5, 4);
        List<ChunkRef> refs = writeAll(store, payload, 5);
        assertEquals(5, refs.size());
        assertArrayEquals(payload, readAll(store, refs));
    }

    @Test
    void chunksStayInTmpUntilFinish() throws IOException {
        open(BLOCK);
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(3 * BLOCK, 5)));
            assertEquals(3 * BLOCK, writer.bytesWritten());
            assertEquals(3, filesUnder(root.resolve("tmp")).size());
            assertEquals(List.of(), store.listChunks());
            List<ChunkRef> refs = writer.finish();
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            assertEquals(refs.stream().map(ChunkRef::id).sorted(java.util.Comparator.comparing(ChunkId::value)).toList(),
                    store.listChunks().stream().sorted(java.util.Comparator.comparing(ChunkId::value)).toList());
        }
    }

    @Test
    void abortLeavesTmpEmptyAndPublishesNothing() throws IOException {
        open(BLOCK);
        ChunkWriter writer = store.newWriter();
        writer.write(ByteBuffer.wrap(randomBytes(2 * BLOCK + 10, 6)));
        writer.abort();
        writer.abort();
        assertEquals(List.of(), filesUnder(root.resolve("tmp")));
        assertEquals(List.of(), store.listChunks());
    }

    @Test
    void closeWithoutFinishLeavesTmpEmpty() throws IOException {
        open(BLOCK);
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(2 * BLOCK + 10, 7)));
        }
        assertEquals(List.of(), filesUnder(root.resolve("tmp")));
        assertEquals(List.of(), store.listChunks());
    }

    @Test
    void closeAfterFinishKeepsTheChunks() throws IOException {
        open(BLOCK);
        List<ChunkRef> refs;
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(BLOCK + 1, 8)));
            refs = writer.finish();
            writer.abort();
        }
        assertEquals(2, store.listChunks().size());
        assertEquals(BLOCK + 1, readAll(store, refs).length);
    }

    @Test
    void writeAdvancesTheSourceToItsLimit() throws IOException {
        open(100);
        try (ChunkWriter writer = store.newWriter()) {
            ByteBuffer src = ByteBuffer.wrap(randomBytes(250, 9), 10, 200);
            writer.write(src);
            assertEquals(210, src.position());
            assertEquals(200, writer.bytesWritten());
        }
    }

    @Test
    void finishTwiceIsRejected() throws IOException {
        open(BLOCK);
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(new byte[10]));
            writer.finish();
            assertThrows(IllegalStateException.class, writer::finish);
            assertThrows(IllegalStateException.class, () -> writer.write(ByteBuffer.wrap(new byte[1])));
        }
    }

    @Test
    void writeAfterAbortIsRejected() throws IOException {
        open(BLOCK);
        ChunkWriter writer = store.newWriter();
        writer.abort();
        assertThrows(IllegalStateException.class, () -> writer.write(ByteBuffer.wrap(new byte[1])));
        assertThrows(IllegalStateException.class, writer::finish);
    }
}
